package org.csirtdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.csirtdesk.security.boundary.DeskAuthentication;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.Haproxy;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two application instances behind HAProxy as docs/deployment.md configures it (support.Haproxy): TLS ended at the
 * proxy, the Secure cookie and HSTS, the client's address as the proxy forwards it, the mail gateway and the
 * monitoring endpoints through the proxy; then one instance killed ({@code kill -9}) while a signed-in desk client
 * keeps asking: no request fails (a 503 would have to carry Retry-After), the session stays signed in, and the
 * failover as the client sees it is printed. {@code -Dproxy.kills=N} kills N times, each instance in turn, the
 * killed one started again in between (the figures of docs/benchmarks.md, "High availability").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyIT {

    private static final String PART = "proxy";
    /** The CSIRT member whose desk session works through the kills. */
    private static final String HANDLER = "hana";

    private static final String GATEWAY_SECRET = "the mail gateway secret of ProxyIT 0123456789";
    private static final int KILLS = Integer.getInteger("proxy.kills", 1);
    /** A request slower than this counts in the failover window: the client noticed. */
    private static final Duration NOTICED = Duration.ofMillis(500);
    /** Clients of the one session that keep asking through a kill: a request is in flight at most moments. */
    private static final int CLIENTS = 4;

    private final ApplicationProcess[] instances = new ApplicationProcess[2];
    private final Map<String, String> environment = new HashMap<>();
    private Path root;
    private DataSource database;
    private Haproxy proxy;
    private HttpClient client;

    /** A signed-in desk session as a browser holds it. */
    private record Session(String cookie, String csrfToken) {}

    /** One request of the client that keeps working through the kill. */
    private record Exchange(long startedNanos, long endedNanos, int status, Optional<String> retryAfter, String body) {

        Duration took() {
            return Duration.ofNanos(endedNanos - startedNanos);
        }
    }

    @BeforeAll
    void startInstancesAndProxy() throws Exception {
        database = TestDatabase.fresh(PART);
        root = Path.of("").toAbsolutePath();
        environment.put("DB_URL", TestDatabase.url(TestDatabase.scratch(PART)));
        environment.put("DB_USER", TestDatabase.USER);
        environment.put("DB_PASSWORD", TestDatabase.PASSWORD);
        environment.put("CSIRT_SECURITY_TRUSTED_PROXIES", Haproxy.SOURCE_ADDRESS);
        environment.put("CSIRT_MAIL_GATEWAY_SECRET_SHA256", Secrets.sha256(GATEWAY_SECRET));
        // The gateway's allowed addresses are the client's, which the trusted proxy forwards: the default 127.0.0.1,
        // not the proxy's 127.0.0.2.
        environment.put("CSIRT_MAIL_GATEWAY_ALLOWED_ADDRESSES", "127.0.0.1");
        for (int i = 0; i < 2; i++) {
            instances[i] = launch(i, ApplicationProcess.freePort());
            // payara/run builds its launcher the first time: the second instance starts once that is done.
            instances[i].awaitLaunched();
        }
        for (ApplicationProcess instance : instances) {
            instance.awaitReady();
        }
        proxy = Haproxy.start(
                root.resolve("target/" + PART + "/haproxy"),
                List.of(instances[0].url().getPort(), instances[1].url().getPort()));
        client = proxy.client();
        Answer added = TestUsers.add(
                new Api(instances[0].url()).as(TestUsers.ADMIN, TestUsers.PASSWORD),
                HANDLER,
                TestUsers.PASSWORD,
                List.of("csirt"),
                null);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    private ApplicationProcess launch(int instance, int port) throws IOException {
        char name = "AB".charAt(instance);
        Path tmp = root.resolve("target/" + PART + "/tmp-" + name);
        Files.createDirectories(tmp);
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + tmp);
        return ApplicationProcess.launch(
                root, port, root.resolve("target/" + PART + "/instance-" + name + ".log"), settings);
    }

    @AfterAll
    void stopAll() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        for (ApplicationProcess instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
        TestDatabase.drop(PART);
    }

    @Test
    @Order(1)
    void signingInThroughTheProxyGivesASecureCookieAndHsts() {
        HttpResponse<String> signedIn = signIn(TestUsers.ADMIN, TestUsers.PASSWORD, Map.of());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("CSIRT_DESK_SESSION=")
                .contains("Secure", "HttpOnly", "SameSite=Strict"));
        assertThat(signedIn.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    @Order(2)
    void theApplicationSeesTheClientsAddressAsTheProxyForwardsIt() throws SQLException {
        // The header a client writes itself is dropped by the proxy, which says who connected to it.
        HttpResponse<String> wrong = signIn("mallory", "not a password", Map.of("X-Forwarded-For", "198.51.100.7"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(throttledAddresses())
                .as("the sign-in throttle's count is the client's (127.0.0.1), not the proxy's nor the forged one")
                .containsExactly("address:127.0.0.1");
    }

    @Test
    @Order(3)
    void theMailGatewayAndTheMonitoringAreReachableThroughTheProxy() {
        String form = "queue=incident-reports&action=correspond&message="
                + URLEncoder.encode("From: a@b.example\nSubject: x\n\nhi\n", StandardCharsets.UTF_8);
        HttpResponse<String> gateway = send(HttpRequest.newBuilder(proxy.url().resolve("REST/1.0/NoAuth/mail-gateway"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                ("mailgate:" + GATEWAY_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(gateway.body())
                .as("the gateway itself answered, as it answers rt-mailgate")
                .startsWith("not ok - the request is application/x-www-form-urlencoded");
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(proxy.url().resolve("metrics")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
        HttpResponse<String> ready = send(HttpRequest.newBuilder(proxy.url().resolve("health/ready")));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("UP");
    }

    @Test
    @Order(4)
    void killingAnInstanceFailsNoRequestAndKeepsTheSessionSignedIn() throws Exception {
        Session session = session(signIn(HANDLER, TestUsers.PASSWORD, Map.of()));
        List<Duration> windows = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            int victim = kill % 2;
            if (kill > 0) {
                restart(1 - victim);
            }
            windows.add(keepWorkingThroughTheKillOf(victim, session));
        }
        List<Long> millis = windows.stream().map(Duration::toMillis).sorted().toList();
        System.out.println("PROXY FAILOVER: " + KILLS + " kill(s), window seen by the client (ms): " + millis
                + ", median " + millis.get(millis.size() / 2) + ", worst " + millis.get(millis.size() - 1));

        HttpResponse<String> created = send(
                HttpRequest.newBuilder(proxy.url().resolve("api/tickets"))
                        .header("Cookie", session.cookie())
                        .header(DeskAuthentication.CSRF_HEADER, session.csrfToken())
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"queue\": \"incident-reports\", \"subject\": \"After the kill\", \"content\": \"still here\"}")));
        assertThat(created.statusCode())
                .as("the session writes on through the surviving instance: " + created.body())
                .isEqualTo(201);
    }

    /**
     * {@link #CLIENTS} clients of one desk session each ask for it every 25 ms, for 3 s before the kill and 8 s
     * after it. Answers the failover window they saw: from the kill to the end of the last request that failed or
     * took longer than {@link #NOTICED}. Also printed: how long the proxy took to put the instance out of rotation
     * (its log's "is DOWN"), and the requests' time before and after the kill.
     */
    private Duration keepWorkingThroughTheKillOf(int victim, Session session) throws Exception {
        long stopAt = System.nanoTime() + Duration.ofSeconds(11).toNanos();
        List<CompletableFuture<List<Exchange>>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(CompletableFuture.supplyAsync(() -> keepAsking(session, stopAt)));
        }
        Api.pause(Duration.ofMillis(3_000));
        String down = "desk-" + instances[victim].url().getPort() + " is DOWN";
        long downBefore = occurrences(down);
        long killedAt = System.nanoTime();
        instances[victim].kill();
        long goneAt = System.nanoTime();
        long downAt = awaitOccurrence(down, downBefore);
        List<Exchange> exchanges = new ArrayList<>();
        for (CompletableFuture<List<Exchange>> working : clients) {
            exchanges.addAll(working.get());
        }

        assertThat(exchanges)
                .as("every answer through the kill: the session's, or a 503 that says when to try again")
                .allSatisfy(exchange -> {
                    if (exchange.status() == 503) {
                        assertThat(exchange.retryAfter()).isPresent();
                    } else {
                        assertThat(exchange.status()).as(exchange.body()).isEqualTo(200);
                        assertThat(json(exchange.body()).getString("name")).isEqualTo(HANDLER);
                    }
                });
        Duration outOfRotation = Duration.ofNanos(downAt - killedAt);
        assertThat(outOfRotation)
                .as("out of rotation within about 2 s, on a loaded machine")
                .isLessThan(Duration.ofSeconds(3));
        long lastNoticed = exchanges.stream()
                .filter(exchange -> exchange.endedNanos() > killedAt)
                .filter(exchange -> exchange.status() != 200 || exchange.took().compareTo(NOTICED) > 0)
                .mapToLong(Exchange::endedNanos)
                .max()
                .orElse(killedAt);
        List<Long> before = millis(exchanges.stream().filter(exchange -> exchange.endedNanos() < killedAt));
        List<Long> after = millis(exchanges.stream()
                .filter(exchange -> exchange.endedNanos() > killedAt && exchange.startedNanos() < downAt));
        long refused =
                exchanges.stream().filter(exchange -> exchange.status() != 200).count();
        Duration window = Duration.ofNanos(lastNoticed - killedAt);
        System.out.println("PROXY FAILOVER: instance " + "AB".charAt(victim) + " killed (its JVM gone after "
                + (goneAt - killedAt) / 1_000_000 + " ms); out of rotation after "
                + outOfRotation.toMillis() + " ms; " + exchanges.size() + " requests, " + refused
                + " answered 503; before the kill median " + median(before) + " ms, worst " + worst(before)
                + " ms; until out of rotation (" + after.size() + " requests) median " + median(after)
                + " ms, worst " + worst(after) + " ms; window " + window.toMillis() + " ms");
        return window;
    }

    private List<Exchange> keepAsking(Session session, long stopAt) {
        List<Exchange> exchanges = new ArrayList<>();
        while (System.nanoTime() < stopAt) {
            long started = System.nanoTime();
            HttpResponse<String> answer =
                    send(HttpRequest.newBuilder(proxy.url().resolve("api/session"))
                            .header("Cookie", session.cookie())
                            .timeout(Duration.ofSeconds(30)));
            exchanges.add(new Exchange(
                    started,
                    System.nanoTime(),
                    answer.statusCode(),
                    answer.headers().firstValue("Retry-After"),
                    answer.body()));
            Api.pause(Duration.ofMillis(25));
        }
        return exchanges;
    }

    private long occurrences(String text) throws IOException {
        return Files.readString(proxy.log())
                .lines()
                .filter(line -> line.contains(text))
                .count();
    }

    /** When the proxy's log says {@code text} once more than {@code before} times; within 10 s. */
    private long awaitOccurrence(String text, long before) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (occurrences(text) > before) {
                return System.nanoTime();
            }
            Api.pause(Duration.ofMillis(20));
        }
        throw new IllegalStateException("the proxy did not say \"" + text + "\" within 10 s; see " + proxy.log());
    }

    private static List<Long> millis(java.util.stream.Stream<Exchange> exchanges) {
        return exchanges.map(exchange -> exchange.took().toMillis()).sorted().toList();
    }

    private static long median(List<Long> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static long worst(List<Long> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    }

    /** Starts a killed instance again on its port and waits until the proxy has it in rotation again. */
    private void restart(int instance) throws IOException {
        instances[instance] = launch(instance, instances[instance].url().getPort());
        instances[instance].awaitReady();
        // Two good checks 1 s apart (downinter, rise 2) bring it back.
        Api.pause(Duration.ofMillis(3_000));
    }

    private HttpResponse<String> signIn(String name, String password, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.url().resolve("api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}"));
        headers.forEach(request::header);
        return send(request);
    }

    private static Session session(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(
                cookie.substring(0, cookie.indexOf(';')), json(signedIn.body()).getString("csrfToken"));
    }

    private List<String> throttledAddresses() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection db = database.getConnection();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT tally_key FROM sign_in_failures WHERE tally_key LIKE 'address:%'")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer through the proxy for " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
