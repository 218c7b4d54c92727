package org.csirtdesk.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.csirtdesk.support.RealRt;

/**
 * RT's own rate for what a campaign's ticket step asks of it (see bench/rt-bare-creations): Investigations created
 * by plain REST2 calls, each with its requestor, custom fields and one correspondence, by C parallel clients. It is
 * the baseline beside which the application's figure in {@code rt} mode is read ("300 sites in rt mode"): the same
 * creations through the adapter should cost little more than this.
 *
 * <p>Each client signs in once with RT's session cookie (a token or Basic auth costs a bcrypt check, about 250 ms,
 * on every call) and sends RT's own base URL as Referer, which RT wants for writes with a cookie. Each client has a
 * session of its own: RT locks a session while a request uses it, so a shared one would serialise the clients.
 */
public final class RtBareCreations {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?(\\d+)");
    private static final int WARMUP_TICKETS = 10;

    /** What one measurement gave: tickets created (each with its correspondence) by so many clients in so long. */
    public record Result(int tickets, int clients, double seconds, Histogram latency) {

        public double perSecond() {
            return tickets / seconds;
        }
    }

    private final URI rt;
    private final String user;
    private final String password;
    private final AtomicInteger sequence = new AtomicInteger();

    public RtBareCreations(URI rt, String user, String password) {
        this.rt = rt;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts a throw-away RT ({@link RealRt}) and measures 100 creations with 1 and with 4 clients (or as the
     * arguments say: the repository's folder, then the number of tickets, then the client counts).
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Integer> clientCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            clientCounts.add(Integer.parseInt(args[i]));
        }
        if (clientCounts.isEmpty()) {
            clientCounts = List.of(1, 4);
        }
        List<String> report = new ArrayList<>();
        long startedAt = System.nanoTime();
        try (RealRt server = RealRt.start()) {
            double startSeconds = (System.nanoTime() - startedAt) / 1e9;
            RtBareCreations creations = new RtBareCreations(server.url(), server.user(), server.password());
            creations.measure(WARMUP_TICKETS, 1);
            report.add("| measure | result |");
            report.add("|---|---|");
            report.add(String.format(
                    Locale.ROOT,
                    "| RT started: fresh SQLite schema, setup script for two users, rt-server answering | %.1f s |",
                    startSeconds));
            for (int clients : clientCounts) {
                String loadBefore = load();
                Result result = creations.measure(tickets, clients);
                report.add(String.format(
                        Locale.ROOT,
                        "| %d Investigations with one correspondence each, %d client%s | %.2f tickets/s (%.1f s); "
                                + "per ticket p50 %.0f ms, p99 %.0f ms; load average %s before, %s after |",
                        tickets,
                        clients,
                        clients == 1 ? "" : "s",
                        result.perSecond(),
                        result.seconds(),
                        result.latency().getValueAtPercentile(50) / 1e3,
                        result.latency().getValueAtPercentile(99) / 1e3,
                        loadBefore,
                        load()));
            }
        }
        Path out = root.resolve("target/bench/rt-bare-creations.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    /** Creates so many Investigations, each with one correspondence, with so many parallel clients. */
    public Result measure(int tickets, int clients) throws Exception {
        List<HttpClient> sessions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            sessions.add(signedIn());
        }
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        AtomicInteger left = new AtomicInteger(tickets);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (HttpClient session : sessions) {
                running.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        long began = System.nanoTime();
                        createWithCorrespondence(session, sequence.incrementAndGet());
                        long micros = (System.nanoTime() - began) / 1000;
                        synchronized (latency) {
                            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Result(tickets, clients, (System.nanoTime() - start) / 1e9, latency);
    }

    private void createWithCorrespondence(HttpClient session, int n) {
        String site = String.format(Locale.ROOT, "SITE-%04d", n);
        HttpResponse<String> created = Measuring.send(
                session,
                write(
                        "ticket",
                        "{\"Queue\":\"Investigations\",\"Subject\":\"CVE-2026-0001 at " + site
                                + "\",\"Requestor\":\"security@" + site.toLowerCase(Locale.ROOT) + ".example\","
                                + "\"CustomFields\":{\"Site\":\"" + site
                                + "\",\"CVE\":\"CVE-2026-0001\",\"TLP\":\"AMBER\","
                                + "\"CSIRT Desk Ticket\":\"" + n + "\"}}"));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("ticket not created: " + created.statusCode() + " " + created.body());
        }
        Matcher id = ID.matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + created.body());
        }
        HttpResponse<String> corresponded = Measuring.send(
                session,
                write(
                        "ticket/" + id.group(1) + "/correspond",
                        "{\"ContentType\":\"text/plain\",\"Content\":\"Dear site security contact,\\n\\nyour site "
                                + site + " is exposed to CVE-2026-0001. Please patch within 7 days and answer this"
                                + " mail.\\n\\nEGI CSIRT\"}"));
        if (corresponded.statusCode() != 201) {
            throw new IllegalStateException("no correspondence on " + id.group(1) + ": " + corresponded.statusCode()
                    + " " + corresponded.body());
        }
    }

    private HttpRequest write(String path, String json) {
        return HttpRequest.newBuilder(rt.resolve("REST/2.0/" + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Referer", rt.toString())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /** A client with RT's session cookie; RT answers its REST2 only when the sign-in worked. */
    private HttpClient signedIn() {
        HttpClient session = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager())
                .build();
        Measuring.send(
                session,
                HttpRequest.newBuilder(rt.resolve("NoAuth/Login.html"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("user="
                                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&pass="
                                + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                        .build());
        HttpResponse<String> check = Measuring.send(
                session, HttpRequest.newBuilder(rt.resolve("REST/2.0/rt")).build());
        if (check.statusCode() != 200) {
            throw new IllegalStateException("RT refused the sign-in of " + user + ": " + check.statusCode());
        }
        return session;
    }
}
