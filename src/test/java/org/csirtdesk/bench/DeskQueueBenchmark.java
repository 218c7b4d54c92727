package org.csirtdesk.bench;

import static org.csirtdesk.bench.Measuring.median;
import static org.csirtdesk.bench.Measuring.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.Browser;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's queue page (see bench/desk-queue): 10,000 open Investigations, written by JDBC as the application would
 * (each with its requestor, its incident link and its creation in the history), then the Investigations queue opened
 * in headless Chromium as a signed-in user, sorted by due, first page of 50. Measured from navigation start to the
 * page's mark {@code desk:rendered} (set after the list's first render): cold, each in a fresh browser profile (no
 * cached scripts), and warm, the same browser again; beside the API call the page makes, alone, from the same
 * browser (fetch with the session cookie). Bounded in count: it stops by itself.
 */
public final class DeskQueueBenchmark {

    private static final int TICKETS = 10_000;
    private static final int WARM_RUNS = 10;
    private static final int API_RUNS = 20;
    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "a benchmark password 0123456789";
    private static final String DUTY = "bench-duty";
    private static final String PAGE = "/desk/queues.html?queue=investigations&sort=due";
    private static final String API = "/api/tickets?queue=investigations&sort=due&page=1&size=50&active=true";
    private static final String[] SITES = {"PtujRPC", "SSC", "Izola MRF", "grid-ljubljana-uni"};
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        new DeskQueueBenchmark()
                .run(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3], args[4], Integer.parseInt(args[5]));
    }

    private void run(Path root, int port, String dbUrl, String dbUser, String dbPassword, int coldRuns)
            throws Exception {
        try (ApplicationProcess application = ApplicationProcess.start(
                root,
                port,
                root.resolve("target/bench/desk-queue-run.log"),
                Map.ofEntries(
                        Map.entry("DB_URL", dbUrl),
                        Map.entry("DB_USER", dbUser),
                        Map.entry("DB_PASSWORD", dbPassword),
                        Map.entry("CSIRT_SITE_REGISTRY", "embedded"),
                        Map.entry("CSIRT_SITE_STATUS_CHANGE", "embedded"),
                        Map.entry("CSIRT_SECURITY_INITIAL_ADMIN", ADMIN + ":" + PASSWORD)))) {
            URI app = application.url();
            post(
                    app,
                    "api/users",
                    ADMIN,
                    "{\"name\": \"" + DUTY + "\", \"password\": \"" + PASSWORD + "\", \"roles\": [\"csirt\"]}");
            long incident = id(post(
                    app, "api/tickets", DUTY, "{\"queue\": \"incidents\", \"subject\": \"CVE-2026-1234 campaign\"}"));
            fill(dbUrl, dbUser, dbPassword, incident);

            long[] cold = new long[coldRuns];
            for (int i = 0; i < coldRuns; i++) {
                try (Browser browser = signedIn(app)) {
                    cold[i] = open(browser);
                }
            }
            long[] warm = new long[WARM_RUNS];
            double[] api = new double[API_RUNS];
            String total;
            try (Browser browser = signedIn(app)) {
                open(browser);
                for (int i = 0; i < WARM_RUNS; i++) {
                    warm[i] = open(browser);
                }
                for (int i = 0; i < API_RUNS; i++) {
                    api[i] = ((Number) browser.asyncScript("""
                            const done = arguments[arguments.length - 1];
                            const start = performance.now();
                            fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'csirt-desk'}})
                                .then(r => r.json()).then(() => done(performance.now() - start));""", API)).doubleValue();
                }
                total = String.valueOf(browser.script("return document.querySelector('.pager .range').textContent"));
            }
            Arrays.sort(api);
            System.out.println(
                    "Queue page: " + total + " (Investigations, open, sorted by due; " + TICKETS + " tickets)");
            System.out.println();
            System.out.println("| measure | median | max | runs | target |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(
                    Locale.ROOT,
                    "| queue page, cold (fresh profile, first after sign-in; run 1 also the server's first) | %d ms | %d ms | %d (%s) | < 1 s |%n",
                    median(cold),
                    Arrays.stream(cold).max().orElseThrow(),
                    coldRuns,
                    join(cold));
            System.out.printf(
                    Locale.ROOT,
                    "| queue page, warm (same browser, opened again) | %d ms | %d ms | %d | < 1 s |%n",
                    median(warm),
                    Arrays.stream(warm).max().orElseThrow(),
                    WARM_RUNS);
            System.out.printf(
                    Locale.ROOT,
                    "| baseline: the API call alone (GET %s, from the page, with the session) | %.0f ms | %.0f ms | %d | |%n",
                    API,
                    api[api.length / 2],
                    api[api.length - 1],
                    API_RUNS);
        }
    }

    private static String join(long[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> v + "").toList());
    }

    private static Browser signedIn(URI app) {
        Browser browser = new Browser(app);
        // To the session's JSON, not the desk: the queue page's first opening is the measured one.
        browser.signIn(DUTY, PASSWORD, "/api/session");
        return browser;
    }

    /** Opens the queue page and answers the page's own time from navigation start to its first rendered list. */
    private static long open(Browser browser) {
        browser.open(PAGE);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> Boolean.TRUE.equals(
                        browser.script("return performance.getEntriesByName('desk:rendered').length > 0")));
        Object rendered = browser.script("return performance.getEntriesByName('desk:rendered')[0].startTime");
        if (!String.valueOf(browser.script("return document.querySelectorAll('table.tickets tbody tr').length"))
                .equals("50")) {
            throw new IllegalStateException("the queue page did not list 50 tickets");
        }
        return Math.round(((Number) rendered).doubleValue());
    }

    /** The tickets as the API would have written them, in batches, in one transaction. */
    private static void fill(String dbUrl, String user, String password, long incident) throws Exception {
        Instant now = Instant.now();
        try (Connection db = DriverManager.getConnection(dbUrl, user, password)) {
            db.setAutoCommit(false);
            long first;
            try (PreparedStatement tickets = db.prepareStatement("""
                    INSERT INTO tickets (queue, subject, status, owner, due_at, tlp, site, created_at, updated_at, version)
                    VALUES ('INVESTIGATIONS', ?, 'OPEN', ?, ?, ?, ?, ?, ?, 0)""", PreparedStatement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < TICKETS; i++) {
                    Timestamp created = Timestamp.from(now.minus(Duration.ofMinutes(TICKETS - i)));
                    tickets.setString(1, "CVE-2026-1234 at site " + i + " (" + SITES[i % SITES.length] + ")");
                    tickets.setString(2, i % 3 == 0 ? DUTY : null);
                    tickets.setTimestamp(3, Timestamp.from(now.plus(Duration.ofMinutes(37L * (i % 997) - 3_000))));
                    tickets.setString(4, i % 7 == 0 ? "RED" : "AMBER");
                    tickets.setString(5, SITES[i % SITES.length]);
                    tickets.setTimestamp(6, created);
                    tickets.setTimestamp(7, created);
                    tickets.addBatch();
                }
                tickets.executeBatch();
            }
            try (var ids =
                    db.createStatement().executeQuery("SELECT MIN(id) FROM tickets WHERE queue = 'INVESTIGATIONS'")) {
                ids.next();
                first = ids.getLong(1);
            }
            try (PreparedStatement requestors =
                            db.prepareStatement("INSERT INTO ticket_requestors (ticket_id, email) VALUES (?, ?)");
                    PreparedStatement links = db.prepareStatement(
                            "INSERT INTO ticket_links (child_id, incident_id, created_at) VALUES (?, ?, ?)");
                    PreparedStatement history = db.prepareStatement("""
                         INSERT INTO ticket_history (ticket_id, type, actor, at, content) VALUES (?, 'CREATE', 'system', ?, ?)""")) {
                for (long id = first; id < first + TICKETS; id++) {
                    requestors.setLong(1, id);
                    requestors.setString(2, "security-" + id + "@site.example");
                    requestors.addBatch();
                    links.setLong(1, id);
                    links.setLong(2, incident);
                    links.setTimestamp(3, Timestamp.from(now));
                    links.addBatch();
                    history.setLong(1, id);
                    history.setTimestamp(2, Timestamp.from(now));
                    history.setString(3, "Your site is vulnerable to CVE-2026-1234.");
                    history.addBatch();
                }
                requestors.executeBatch();
                links.executeBatch();
                history.executeBatch();
            }
            db.commit();
        }
    }

    private HttpResponse<String> post(URI app, String path, String user, String json) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(
                http,
                HttpRequest.newBuilder(app.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + credentials)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer;
    }

    private static long id(HttpResponse<String> answer) {
        Matcher id = ID.matcher(answer.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + answer.body());
        }
        return Long.parseLong(id.group(1));
    }
}
