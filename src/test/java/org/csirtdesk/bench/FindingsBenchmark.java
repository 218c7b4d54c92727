package org.csirtdesk.bench;

import static org.csirtdesk.bench.Measuring.median;
import static org.csirtdesk.bench.Measuring.send;
import static org.csirtdesk.bench.Measuring.timed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestUsers;

/**
 * The monitoring intake's figures (see bench/findings): the application started by {@code payara/run} against a
 * GOCDB imitation of 300 sites with 100 hosts each, then
 * <ul>
 *   <li>a Pakiti snapshot of 30,000 rows (every host of every site vulnerable to one CVE) posted end to end:
 *   into an empty store, again unchanged, with a tenth of the hosts gone, and with them back;</li>
 *   <li>a Pakiti snapshot with one large site: 50,000 hosts of one site and 100 of each of the 299 others vulnerable
 *   to another CVE (79,900 rows), new and then again unchanged;</li>
 *   <li>Alertmanager webhooks from 4 concurrent senders, one webhook per site (100 alerts, grouped by site and
 *   CVE as Alertmanager groups them), each sender posting all 300 in its own order: 120,000 alerts of which
 *   90,000 repeat another sender's, and the store must end with 30,000 findings.</li>
 * </ul>
 * The baseline, in the same run, inserts the same rows into a scratch table with plain batched JDBC. Bounded in
 * count and time; everything on 127.0.0.1.
 */
public final class FindingsBenchmark {

    private static final int SITES = 300;
    private static final int HOSTS = 100;
    private static final int SENDERS = 4;
    private static final int RUNS = 5;
    private static final String PAKITI_CVE = "CVE-2024-1086";
    private static final String ALERTMANAGER_CVE = "CVE-2021-4034";
    private static final String LARGE_SITE_CVE = "CVE-2024-6387";
    private static final int LARGE_SITE_HOSTS = 50_000;
    private static final String PAKITI_TOKEN = "bench-pakiti-token-0123456789abcdef";
    private static final String ALERTMANAGER_TOKEN = "bench-alertmanager-token-0123456789abcdef";
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");

    /** Reads the findings: monitoring posts with its tokens, the rest of the API needs a user. */
    private Api desk;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        new FindingsBenchmark().run(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3], args[4]);
    }

    private void run(Path root, int port, String dbUrl, String dbUser, String dbPassword) throws Exception {
        System.out.println("| measure | result | baseline in the same run | target |");
        System.out.println("|---|---|---|---|");
        try (GocdbServer gocdb = GocdbServer.generated(SITES, 2, HOSTS)) {
            ApplicationProcess application = ApplicationProcess.start(
                    root,
                    port,
                    root.resolve("target/bench/findings-run.log"),
                    Map.of(
                            "DB_URL",
                            dbUrl,
                            "DB_USER",
                            dbUser,
                            "DB_PASSWORD",
                            dbPassword,
                            "CSIRT_SITE_REGISTRY",
                            "gocdb",
                            "CSIRT_GOCDB_URL",
                            gocdb.url(),
                            "CSIRT_GOCDB_TOKEN",
                            "benchmark",
                            "CSIRT_SITE_OPERATORS_ADDRESS",
                            "operators@bench.example",
                            "CSIRT_ALERTS_PAKITI_TOKEN_SHA256",
                            Secrets.sha256(PAKITI_TOKEN),
                            "CSIRT_ALERTS_ALERTMANAGER_TOKEN_SHA256",
                            Secrets.sha256(ALERTMANAGER_TOKEN)));
            try {
                // The sites must be in the copy before findings name them, or they would count as unknown.
                desk = TestUsers.everyRole(new Api(application.url()));
                application.awaitFirstRefresh(desk);
                pakiti(application.url(), dbUrl, dbUser, dbPassword);
                largeSite(application.url());
                alertmanager(application, dbUrl, dbUser, dbPassword);
            } finally {
                application.stop();
            }
        }
    }

    private void pakiti(URI app, String dbUrl, String dbUser, String dbPassword) throws Exception {
        String full = pakitiCsv("2026-11-21 06:12:44", 0);
        long baseline = baselineInsert(dbUrl, dbUser, dbPassword, SITES * HOSTS, 1_000, 1);

        long first = timed(() -> expect(postPakiti(app, full), "created", SITES * HOSTS, "sitesVulnerable", SITES));
        row(
                "Pakiti snapshot of 30,000 rows (300 sites x 100 hosts) into an empty store: 30,000 findings, 300 sites "
                        + "vulnerable, one Incident Report",
                ms(first),
                "plain batched JDBC insert of the same 30,000 rows: " + ms(baseline) + " (" + ratio(first, baseline)
                        + ")",
                "< 5 s");
        long[] again = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            again[i] = timed(() -> expect(postPakiti(app, full), "unchanged", SITES * HOSTS, "created", 0));
        }
        row("the same snapshot again, nothing changes, median of " + RUNS, ms(median(again)), "", "< 5 s");
        long cleared = timed(() -> expect(
                postPakiti(app, pakitiCsv("2026-11-22 06:12:44", 10)),
                "cleared",
                SITES * HOSTS / 10,
                "unchanged",
                SITES * HOSTS * 9 / 10));
        row("a snapshot without a tenth of each site's hosts: 3,000 cleared", ms(cleared), "", "< 5 s");
        long reopened = timed(() -> expect(
                postPakiti(app, pakitiCsv("2026-11-23 06:12:44", 0)),
                "reopened",
                SITES * HOSTS / 10,
                "unchanged",
                SITES * HOSTS * 9 / 10));
        row("all hosts back in a later snapshot: 3,000 reopened", ms(reopened), "", "< 5 s");
    }

    /**
     * One site with 50,000 vulnerable hosts beside 299 of 100: the site's hosts are beyond what one list in a column
     * can hold, and no other site's findings may suffer for it. GOCDB lists 100 hosts of the large site; the others
     * stay at the site the report names.
     */
    private void largeSite(URI app) {
        int rows = LARGE_SITE_HOSTS + (SITES - 1) * HOSTS;
        StringBuilder csv = new StringBuilder("tag,cve,site,host,os,arch,last_report\n");
        for (int site = 1; site <= SITES; site++) {
            for (int host = 1; host <= (site == 1 ? LARGE_SITE_HOSTS : HOSTS); host++) {
                csv.append("EGI-Critical,")
                        .append(LARGE_SITE_CVE)
                        .append(',')
                        .append(site(site))
                        .append(',')
                        .append(host(site, host))
                        .append(",\"AlmaLinux 9.3\",x86_64,\"2026-11-21 06:12:44\"\n");
            }
        }
        String snapshot = csv.toString();
        long first = timed(() -> expect(postPakiti(app, snapshot), "created", rows, "sitesVulnerable", SITES));
        long again = timed(() -> expect(postPakiti(app, snapshot), "unchanged", rows, "created", 0));
        row(
                String.format(
                        Locale.ROOT,
                        "Pakiti snapshot with one large site: 1 site x 50,000 hosts + 299 sites x 100 "
                                + "(%,d rows, %.1f MB), another CVE, into a store holding the 30,000 above: %,d findings, 300 sites "
                                + "vulnerable, one Incident Report",
                        rows,
                        snapshot.length() / 1e6,
                        rows),
                ms(first),
                "the 30,000-row snapshot above",
                "< 10 s");
        row("the same large-site snapshot again, nothing changes", ms(again), "", "< 10 s");
    }

    private void alertmanager(ApplicationProcess application, String dbUrl, String dbUser, String dbPassword)
            throws Exception {
        URI app = application.url();
        List<String> webhooks = new ArrayList<>();
        for (int site = 1; site <= SITES; site++) {
            webhooks.add(webhook(site));
        }
        int alerts = SENDERS * SITES * HOSTS;
        long baseline = baselineInsert(dbUrl, dbUser, dbPassword, alerts, HOSTS, SENDERS);

        Histogram latency = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong created = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            List<String> order = new ArrayList<>(webhooks);
            Collections.shuffle(order, new Random(sender));
            HttpClient own = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            done.add(senders.submit(() -> {
                for (String body : order) {
                    long sent = System.nanoTime();
                    HttpResponse<String> answer = send(
                            own,
                            HttpRequest.newBuilder(app.resolve("api/alerts/alertmanager"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + ALERTMANAGER_TOKEN)
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build());
                    latency.recordValue((System.nanoTime() - sent) / 1_000);
                    created.addAndGet(numbers(check(answer)).get("created"));
                }
                return null;
            }));
        }
        try {
            for (Future<?> sender : done) {
                sender.get(10, TimeUnit.MINUTES);
            }
        } finally {
            // A failed sender must not leave the others running, nor keep the JVM alive.
            senders.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        String total = desk.get("api/findings?source=alertmanager&vulnerability=" + ALERTMANAGER_CVE + "&size=1")
                .body();
        Matcher count = Pattern.compile("\"total\":(\\d+)").matcher(total);
        long stored = count.find() ? Long.parseLong(count.group(1)) : -1;
        if (stored != SITES * HOSTS || created.get() != SITES * HOSTS) {
            throw new IllegalStateException("duplicates not detected: " + stored + " findings stored, " + created.get()
                    + " reported created, expected " + SITES * HOSTS);
        }
        double perSecond = alerts / (elapsed / 1e9);
        double baselinePerSecond = alerts / (baseline / 1e3);
        row(
                "Alertmanager webhooks, " + SENDERS + " concurrent senders, "
                        + String.format(Locale.ROOT, "%,d", alerts)
                        + " alerts in " + SENDERS * SITES + " webhooks of 100, 75 % duplicates; " + stored
                        + " findings stored, " + created.get() + " reported created",
                String.format(
                        Locale.ROOT,
                        "%,.0f alerts/s (%.1f s); per webhook median %.0f ms, p99 %.0f ms",
                        perSecond,
                        elapsed / 1e9,
                        latency.getValueAtPercentile(50) / 1000.0,
                        latency.getValueAtPercentile(99) / 1000.0),
                String.format(
                        Locale.ROOT,
                        "plain batched JDBC insert of the same rows, %d threads, batch of 100: "
                                + "%,.0f rows/s (ours %.2f of it)",
                        SENDERS,
                        baselinePerSecond,
                        perSecond / baselinePerSecond),
                ">= 2,000 alerts/s");
    }

    /** Every host of every site, except every {@code skipEvery}-th host of each site (0: none skipped). */
    private static String pakitiCsv(String lastReport, int skipEvery) {
        StringBuilder csv = new StringBuilder("tag,cve,site,host,os,arch,last_report\n");
        for (int site = 1; site <= SITES; site++) {
            for (int host = 1; host <= HOSTS; host++) {
                if (skipEvery > 0 && host % skipEvery == 0) {
                    continue;
                }
                csv.append("EGI-Critical,")
                        .append(PAKITI_CVE)
                        .append(',')
                        .append(site(site))
                        .append(',')
                        .append(host(site, host))
                        .append(",\"AlmaLinux 9.3\",x86_64,\"")
                        .append(lastReport)
                        .append("\"\n");
            }
        }
        return csv.toString();
    }

    private static String webhook(int site) {
        StringBuilder alerts = new StringBuilder();
        for (int host = 1; host <= HOSTS; host++) {
            alerts.append(host == 1 ? "" : ",")
                    .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"EGICriticalVulnerability\","
                            + "\"cve\":\"")
                    .append(ALERTMANAGER_CVE)
                    .append("\",\"site\":\"")
                    .append(site(site))
                    .append("\",\"hostname\":\"")
                    .append(host(site, host))
                    .append("\",\"severity\":\"critical\"},"
                            + "\"annotations\":{\"summary\":\"EGI-Critical vulnerability\"},\"startsAt\":\"2026-11-21T06:15:00Z\","
                            + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://127.0.0.1:9090/graph\","
                            + "\"fingerprint\":\"")
                    .append(String.format(Locale.ROOT, "%08x%08x", site, host))
                    .append("\"}");
        }
        return "{\"receiver\":\"csirt-desk\",\"status\":\"firing\",\"alerts\":[" + alerts
                + "],\"groupLabels\":{\"site\":\""
                + site(site) + "\",\"cve\":\"" + ALERTMANAGER_CVE + "\"},\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"4\",\"groupKey\":\"{}\",\"truncatedAlerts\":0}";
    }

    private static String site(int site) {
        return String.format(Locale.ROOT, "SITE-%04d", site);
    }

    private static String host(int site, int host) {
        return String.format(Locale.ROOT, "wn%03d.site-%04d.example", host, site);
    }

    /**
     * The baseline: {@code rows} rows of the findings table's shape inserted into a scratch table with plain
     * batched JDBC, {@code threads} connections each committing every {@code batch} rows. Milliseconds.
     */
    private static long baselineInsert(String dbUrl, String user, String password, int rows, int batch, int threads)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, user, password);
                Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS bench_findings_baseline");
            ddl.execute("CREATE TABLE bench_findings_baseline LIKE findings");
            ddl.execute("ALTER TABLE bench_findings_baseline DROP INDEX ux_findings_key");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(dbUrl, user, password);
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO bench_findings_baseline "
                                        + "(finding_key, source, site, site_known, reported_site, vulnerability, host, source_ref, detail, "
                                        + "first_seen_at, last_seen_at, observed_at, cleared_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    connection.setAutoCommit(false);
                    LocalDateTime now = LocalDateTime.now();
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    for (int row = thread; row < rows; row += threads) {
                        int site = row / HOSTS % SITES + 1;
                        int host = row % HOSTS + 1;
                        insert.setBytes(1, sha256.digest((thread + "/" + row).getBytes(StandardCharsets.UTF_8)));
                        insert.setString(2, "PAKITI");
                        insert.setString(3, site(site));
                        insert.setBoolean(4, true);
                        insert.setString(5, site(site));
                        insert.setString(6, PAKITI_CVE);
                        insert.setString(7, host(site, host));
                        insert.setString(8, null);
                        insert.setString(9, "AlmaLinux 9.3 x86_64");
                        insert.setObject(10, now);
                        insert.setObject(11, now);
                        insert.setObject(12, now);
                        insert.setObject(13, null);
                        insert.addBatch();
                        if ((row / threads + 1) % batch == 0) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                    insert.executeBatch();
                    connection.commit();
                }
                return null;
            }));
        }
        try {
            for (Future<?> thread : done) {
                thread.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private HttpResponse<String> postPakiti(URI app, String csv) {
        return check(send(
                http,
                HttpRequest.newBuilder(app.resolve("api/alerts/pakiti"))
                        .header("Content-Type", "text/csv")
                        .header("Authorization", "Bearer " + PAKITI_TOKEN)
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build()));
    }

    private static void expect(HttpResponse<String> answer, String key, long value, String otherKey, long otherValue) {
        Map<String, Long> numbers = numbers(answer);
        if (numbers.getOrDefault(key, -1L) != value || numbers.getOrDefault(otherKey, -1L) != otherValue) {
            throw new IllegalStateException(
                    "expected " + key + "=" + value + " and " + otherKey + "=" + otherValue + ", got " + answer.body());
        }
    }

    private static Map<String, Long> numbers(HttpResponse<String> answer) {
        Map<String, Long> numbers = new HashMap<>();
        Matcher matcher = NUMBER.matcher(answer.body());
        while (matcher.find()) {
            numbers.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return numbers;
    }

    private static HttpResponse<String> check(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the application answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private void row(String measure, String result, String baseline, String target) {
        System.out.println("| " + measure + " | **" + result + "** | " + baseline + " | " + target + " |");
    }

    private static String ms(long millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000.0) : millis + " ms";
    }

    private static String ratio(long ours, long baseline) {
        return String.format(Locale.ROOT, "ours %.1f times it", (double) ours / Math.max(1, baseline));
    }
}
