package org.csirtdesk.site.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * HTTP to GOCDB through the JAX-RS client (Jersey, as Payara ships it) with the configured credential, and the
 * fault tolerance every call gets: a time limit, a circuit breaker that stops calling a GOCDB that keeps failing,
 * and, for reads only, retries with a delay and jitter. The breaker opens when three quarters of the last 10 calls
 * failed, not sooner: each method's breaker serves every PI method, and one method GOCDB cannot answer (three
 * failed tries) must not cut off the others. A status change is never retried here: a lost answer to a form that
 * GOCDB did apply would record the change twice; the caller reads the status back first and submits again only if
 * needed. Every figure is MicroProfile Fault Tolerance configuration
 * ({@code org.csirtdesk.site.control.GocdbHttp/CircuitBreaker/delay=...},
 * {@code org.csirtdesk.site.control.GocdbHttp/read/Retry/maxRetries=...}); {@code csirt.gocdb.timeout-seconds}
 * sets the client's own connect and read timeouts.
 */
@ApplicationScoped
@CircuitBreaker(
        requestVolumeThreshold = 10,
        failureRatio = 0.75,
        delay = 30,
        delayUnit = ChronoUnit.SECONDS,
        successThreshold = 2,
        failOn = {RegistryUnavailable.class, TimeoutException.class},
        skipOn = RegistryRefusal.class)
@Timeout(value = 60, unit = ChronoUnit.SECONDS)
public class GocdbHttp {

    private static final Logger LOG = Logger.getLogger(GocdbHttp.class.getName());

    /** Jersey's own client properties: named as text, so that the code compiles against the JAX-RS API alone. */
    private static final String FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";

    private static final String FIXED_LENGTH_STREAMING =
            "jersey.config.client.httpUrlConnector.useFixedLengthStreaming";

    /** An answer to a write: its status and body. */
    record Answer(int status, String body) {}

    @Inject
    @ConfigProperty(name = "csirt.gocdb.timeout-seconds", defaultValue = "30")
    int timeoutSeconds;

    @Inject
    Config config;

    private GocdbCredential credential;
    private String credentialProblem;
    private Client client;

    @PostConstruct
    void connect() {
        open(GocdbCredential.Settings.from(config));
    }

    /** Builds the one client of this bean, with the credential's TLS setup when it loads. */
    void open(GocdbCredential.Settings settings) {
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(Math.min(timeoutSeconds, 10), TimeUnit.SECONDS)
                .readTimeout(timeoutSeconds, TimeUnit.SECONDS)
                .property(FOLLOW_REDIRECTS, false)
                // Jersey's default connector is HttpURLConnection, which sends a buffered body again by itself when
                // the connection fails before the answer (PUT always, POST by default). A body streamed with its
                // length cannot be sent again, so a write reaches GOCDB at most once per call.
                .property(FIXED_LENGTH_STREAMING, true);
        try {
            credential = GocdbCredential.from(settings);
            builder.sslContext(credential.tls());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            credentialProblem = "the GOCDB credential cannot be loaded: " + e.getMessage();
            LOG.log(Level.SEVERE, credentialProblem, e);
        }
        client = builder.build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Whether calls go to GOCDB's private interface (a credential is configured). */
    public boolean authenticated() {
        return credential != null && credential.authenticated();
    }

    @Retry(
            maxRetries = 2,
            delay = 1000,
            jitter = 500,
            retryOn = {RegistryUnavailable.class, TimeoutException.class},
            abortOn = RegistryRefusal.class)
    @Timed(name = "gocdb.read", absolute = true, description = "Reads from GOCDB, each page one")
    public byte[] read(URI uri) {
        return call(
                uri,
                "GET",
                request(uri).buildGet(),
                status -> status == 200,
                response -> response.hasEntity() ? response.readEntity(byte[].class) : new byte[0]);
    }

    @Timed(name = "gocdb.write", absolute = true, description = "Writes to GOCDB (portal form, extension property)")
    public Answer write(URI uri, String method, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // The length given makes the connector stream the body, which it then cannot send twice (see open).
        Invocation invocation = request(uri)
                .header(HttpHeaders.CONTENT_LENGTH, bytes.length)
                .build(method, Entity.entity(bytes, contentType));
        return call(
                uri,
                method,
                invocation,
                status -> status >= 200 && status < 300,
                response -> new Answer(response.getStatus(), text(response)));
    }

    /** A read that is not retried, for pages whose form must be fetched right before a write. */
    public String page(URI uri) {
        return call(uri, "GET", request(uri).buildGet(), status -> status == 200, GocdbHttp::text);
    }

    private Invocation.Builder request(URI uri) {
        if (credentialProblem != null) {
            throw new RegistryRefusal(credentialProblem);
        }
        Invocation.Builder request = client.target(uri).request().header(HttpHeaders.USER_AGENT, "CSIRT-Desk");
        credential.bearer().ifPresent(bearer -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
        return request;
    }

    /**
     * Sends the request and reads the whole answer while the connection is open. A status the caller does not
     * accept is a failure with GOCDB's words; no answer, or a body cut off, is unavailability.
     */
    private static <T> T call(
            URI uri, String method, Invocation invocation, IntPredicate accepted, Function<Response, T> body) {
        try (Response response = invocation.invoke()) {
            if (!accepted.test(response.getStatus())) {
                throw failure(uri, response.getStatus(), text(response));
            }
            return body.apply(response);
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RegistryUnavailable(
                    "GOCDB did not answer " + method + " " + pathOf(uri) + ": "
                            + (cause.getMessage() != null
                                    ? cause.getMessage()
                                    : cause.getClass().getSimpleName()),
                    e);
        }
    }

    private static String text(Response response) {
        return response.hasEntity() ? response.readEntity(String.class) : "";
    }

    private static RuntimeException failure(URI uri, int status, String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        String detail = "GOCDB answered HTTP " + status + " to " + pathOf(uri)
                + (text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 297) + "..." : text));
        // Overload, throttling and gateway failures pass; anything else the caller must fix.
        return status >= 500 || status == 429 || status == 408
                ? new RegistryUnavailable(detail)
                : new RegistryRefusal(detail);
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
