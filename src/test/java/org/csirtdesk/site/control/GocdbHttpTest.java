package org.csirtdesk.site.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GocdbHttp's JAX-RS client (Jersey, as Payara ships it) against real servers on loopback, outside Payara: what
 * it sends, how it tells unavailability from refusal, its timeouts, and that a write reaches GOCDB at most once per
 * call. Fault Tolerance (retries, the breaker, the overall time limit) needs the container and is covered by
 * GocdbRegistryIT.
 */
class GocdbHttpTest {

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private GocdbHttp http;

    /** One request as the server received it. */
    record Seen(String method, String path, String authorization, String userAgent, String contentType, String body) {}

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Test
    void aReadReturnsTheBodyAndSendsTheBearerTokenAndUserAgent() {
        serve(200, "text/xml; charset=UTF-8", "<results><SITE/></results>", Duration.ZERO);
        http = client(1, Optional.of("abc.def"));

        byte[] body = http.read(uri("/gocdbpi/private/?method=get_site&scope=EGI"));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("<results><SITE/></results>");
        assertThat(http.authenticated()).isTrue();
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/gocdbpi/private/?method=get_site&scope=EGI");
            assertThat(request.authorization()).isEqualTo("Bearer abc.def");
            assertThat(request.userAgent()).isEqualTo("CSIRT-Desk");
        });
    }

    @Test
    void withoutCredentialNoAuthorizationIsSentAndTheCallsAreAnonymous() {
        serve(200, "text/html; charset=UTF-8", "<html>form</html>", Duration.ZERO);
        http = client(1, Optional.empty());

        assertThat(http.page(uri("/portal/index.php?Page_Type=Edit_Certification_Status&id=1")))
                .isEqualTo("<html>form</html>");
        assertThat(http.authenticated()).isFalse();
        assertThat(seen).singleElement().extracting(Seen::authorization).isNull();
    }

    @Test
    void anEmptyAnswerIsAnEmptyBody() {
        serve(200, "text/xml", "", Duration.ZERO);
        http = client(1, Optional.empty());

        assertThat(http.read(uri("/gocdbpi/public/?method=get_ngi"))).isEmpty();
    }

    @Test
    void overloadAndGatewayFailuresAreUnavailabilityWithGocdbsWords() {
        for (int status : new int[] {500, 502, 503, 429, 408}) {
            serve(status, "text/plain", "down  for\n maintenance", Duration.ZERO);
            http = client(1, Optional.empty());

            assertThatThrownBy(() -> http.read(uri("/gocdbpi/public/?method=get_site")))
                    .isInstanceOf(RegistryUnavailable.class)
                    .hasMessage("GOCDB answered HTTP " + status
                            + " to /gocdbpi/public/?method=get_site: down for maintenance");
            stop();
        }
    }

    @Test
    void anyOtherFailureIsARefusalThatRetryingWillNotMend() {
        serve(403, "text/plain", "Forbidden: no such role", Duration.ZERO);
        http = client(1, Optional.empty());

        assertThatThrownBy(() -> http.read(uri("/gocdbpi/private/?method=get_site")))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessage("GOCDB answered HTTP 403 to /gocdbpi/private/?method=get_site: Forbidden: no such role");
        assertThatThrownBy(() ->
                        http.write(uri("/gocdbpi/v5/Site/1/ExtensionProperties/X"), "PUT", "application/json", "{}"))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageStartingWith("GOCDB answered HTTP 403 to /gocdbpi/v5/Site/1/ExtensionProperties/X");
    }

    @Test
    void aReadAcceptsOnly200AndAWriteAnySuccess() {
        serve(204, null, "", Duration.ZERO);
        http = client(1, Optional.empty());

        assertThatThrownBy(() -> http.read(uri("/gocdbpi/public/?method=get_site")))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessage("GOCDB answered HTTP 204 to /gocdbpi/public/?method=get_site");
        assertThat(http.write(uri("/gocdbpi/v5/Site/1/ExtensionProperties/X"), "PUT", "application/json", "{}"))
                .isEqualTo(new GocdbHttp.Answer(204, ""));
    }

    @Test
    void aRedirectIsNotFollowed() {
        server = start();
        server.createContext("/", exchange -> {
            record(exchange);
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http = client(1, Optional.empty());

        assertThatThrownBy(() -> http.page(uri("/portal/index.php?Page_Type=Edit_Certification_Status&id=1")))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageStartingWith("GOCDB answered HTTP 302");
        assertThat(seen).extracting(Seen::path).doesNotContain("/elsewhere");
    }

    @Test
    void aSlowAnswerIsUnavailabilityAfterTheReadTimeout() {
        serve(200, "text/xml", "<results/>", Duration.ofSeconds(5));
        http = client(1, Optional.empty());

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.read(uri("/gocdbpi/public/?method=get_site")))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageStartingWith("GOCDB did not answer GET /gocdbpi/public/?method=get_site: ")
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void nobodyListeningIsUnavailability() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        http = client(1, Optional.empty());

        assertThatThrownBy(() -> http.read(URI.create("http://127.0.0.1:" + port + "/gocdbpi/public/?method=get_site")))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageStartingWith("GOCDB did not answer GET /gocdbpi/public/?method=get_site: ")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aWriteSendsItsBodyWithItsTypeAndLengthAndReturnsTheAnswer() {
        serve(201, "text/html; charset=UTF-8", "<h1 class=\"Success\">Success</h1>", Duration.ZERO);
        http = client(1, Optional.of("token"));
        String form = "CERTSTATUSID=4&COMMENT=Suspendu%20%E2%80%94%20CVE&SITEID=13G0 é";

        GocdbHttp.Answer answer = http.write(
                uri("/portal/index.php?Page_Type=Edit_Certification_Status"),
                "POST",
                "application/x-www-form-urlencoded",
                form);

        assertThat(answer).isEqualTo(new GocdbHttp.Answer(201, "<h1 class=\"Success\">Success</h1>"));
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.body()).isEqualTo(form);
            assertThat(request.authorization()).isEqualTo("Bearer token");
        });
    }

    /**
     * HttpURLConnection, Jersey's default connector, sends a buffered request again on a fresh connection when the
     * first one breaks before an answer; GOCDB may have applied the first. The write must fail instead, once.
     */
    @Test
    void aWriteWhoseConnectionBreaksBeforeTheAnswerIsSentOnceAndFails() throws Exception {
        for (String method : new String[] {"POST", "PUT"}) {
            AtomicInteger received = new AtomicInteger();
            try (ServerSocket hangingUp = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
                Thread acceptor = new Thread(() -> hangUpAfterEachRequest(hangingUp, received));
                acceptor.setDaemon(true);
                acceptor.start();
                http = client(2, Optional.empty());

                assertThatThrownBy(() -> http.write(
                                URI.create("http://127.0.0.1:" + hangingUp.getLocalPort()
                                        + "/gocdbpi/v5/Site/1/ExtensionProperties/X"),
                                method,
                                "application/json",
                                "{\"value\":\"[CSIRT #42]\"}"))
                        .isInstanceOf(RegistryUnavailable.class)
                        .hasMessageStartingWith("GOCDB did not answer " + method + " /gocdbpi/v5/Site/1/");
                // A second request would arrive at once; give it time to show up before counting.
                Thread.sleep(300);
                assertThat(received).as(method).hasValue(1);
                http.close();
                http = null;
            }
        }
    }

    @Test
    void aCredentialThatCannotBeLoadedRefusesEveryCallWithoutCallingGocdb() {
        serve(200, "text/xml", "<results/>", Duration.ZERO);
        http = new GocdbHttp();
        http.timeoutSeconds = 1;
        http.open(new GocdbCredential.Settings(
                Optional.of("/nonexistent/robot.p12"),
                Optional.of("secret"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

        assertThat(http.authenticated()).isFalse();
        assertThatThrownBy(() -> http.read(uri("/gocdbpi/private/?method=get_site")))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageStartingWith("the GOCDB credential cannot be loaded: ")
                .hasMessageContaining("/nonexistent/robot.p12");
        assertThat(seen).isEmpty();
    }

    private static GocdbHttp client(int timeoutSeconds, Optional<String> token) {
        GocdbHttp http = new GocdbHttp();
        http.timeoutSeconds = timeoutSeconds;
        http.open(new GocdbCredential.Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                token,
                Optional.empty()));
        return http;
    }

    private void serve(int status, String contentType, String body, Duration delay) {
        server = start();
        server.createContext("/", exchange -> {
            record(exchange);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private static HttpServer start() {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            started.setExecutor(Executors.newCachedThreadPool());
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        seen.add(new Seen(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()),
                headers.getFirst("Authorization"),
                headers.getFirst("User-Agent"),
                headers.getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    /** Reads each request's head and its body of Content-Length bytes, counts it, and closes without answering. */
    private static void hangUpAfterEachRequest(ServerSocket listening, AtomicInteger received) {
        while (!listening.isClosed()) {
            try (Socket connection = listening.accept()) {
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                line.substring("content-length:".length()).strip());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                received.incrementAndGet();
            } catch (IOException e) {
                // The test closed the socket: no more requests.
            }
        }
    }
}
