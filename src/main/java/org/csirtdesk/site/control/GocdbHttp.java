package org.csirtdesk.site.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * HTTP to GOCDB with the configured credential, and the fault tolerance every call gets: a time limit, a
 * circuit breaker that stops calling a GOCDB that keeps failing, and, for reads only, retries with a delay
 * and jitter. The breaker opens when three quarters of the last 10 calls failed, not sooner: each method's
 * breaker serves every PI method, and one method GOCDB cannot answer (three failed tries) must not cut off
 * the others. A status change is never retried here: a lost answer to a form that GOCDB did apply would
 * record the change twice; the caller reads the status back first and submits again only if needed.
 * Every figure is MicroProfile Fault Tolerance configuration
 * ({@code org.csirtdesk.site.control.GocdbHttp/CircuitBreaker/delay=...},
 * {@code org.csirtdesk.site.control.GocdbHttp/read/Retry/maxRetries=...}).
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

    /** An answer to a write: its status and body. */
    record Answer(int status, String body) {}

    @Inject
    @ConfigProperty(name = "csirt.gocdb.timeout-seconds", defaultValue = "30")
    int timeoutSeconds;

    @Inject
    Config config;

    private GocdbCredential credential;
    private String credentialProblem;
    private HttpClient client;

    @PostConstruct
    void connect() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, 10)))
                .followRedirects(HttpClient.Redirect.NEVER);
        try {
            credential = GocdbCredential.from(GocdbCredential.Settings.from(config));
            builder.sslContext(credential.tls());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            credentialProblem = "the GOCDB credential cannot be loaded: " + e.getMessage();
            LOG.log(Level.SEVERE, credentialProblem, e);
        }
        client = builder.build();
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
        HttpResponse<byte[]> response = send(request(uri).GET(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        throw failure(uri, status, new String(response.body(), StandardCharsets.UTF_8));
    }

    @Timed(name = "gocdb.write", absolute = true, description = "Writes to GOCDB (portal form, extension property)")
    public Answer write(URI uri, String method, String contentType, String body) {
        HttpResponse<String> response = send(
                request(uri)
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(status, response.body());
        }
        throw failure(uri, status, response.body());
    }

    /** A read that is not retried, for pages whose form must be fetched right before a write. */
    public String page(URI uri) {
        HttpResponse<String> response = send(request(uri).GET(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            return response.body();
        }
        throw failure(uri, response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(URI uri) {
        if (credentialProblem != null) {
            throw new RegistryRefusal(credentialProblem);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("User-Agent", "CSIRT-Desk");
        credential.bearer().ifPresent(bearer -> request.header("Authorization", "Bearer " + bearer));
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        HttpRequest built = request.build();
        try {
            return client.send(built, body);
        } catch (IOException e) {
            throw new RegistryUnavailable(
                    "GOCDB did not answer " + built.method() + " " + pathOf(built.uri()) + ": "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailable("interrupted while waiting for GOCDB", e);
        }
    }

    private static RuntimeException failure(URI uri, int status, String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
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
