package org.csirtdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.TestUsers;

/**
 * The ticket core's figures, against a running server on loopback (see bench/ticket-core):
 * REST ticket creation with 4 concurrent clients, then search over 100,000 tickets (first page by
 * queue + status + due), each beside a plain-JDBC baseline of the same work in the same run, and the
 * server's resident memory. Bounded in count: it stops by itself.
 */
public final class TicketCoreBenchmark {

    private static final int CLIENTS = 4;
    private static final int WARMUP_CREATES = 2_000;
    private static final int MEASURED_CREATES = 20_000;
    private static final int TOTAL_TICKETS = 100_000;
    private static final int SEARCH_WARMUP = 100;
    private static final int SEARCHES = 1_000;
    private static final String[] QUEUES = {"INCIDENT_REPORTS", "INCIDENTS", "INVESTIGATIONS", "COUNTERMEASURES"};
    private static final String[][] STATUSES = {
        {"NEW", "OPEN", "RESOLVED", "REJECTED"},
        {"OPEN", "RESOLVED", "ABANDONED"},
        {"OPEN", "RESOLVED"},
        {"PENDING_ACTIVATION", "ACTIVE", "PENDING_REMOVAL", "REMOVED"}
    };

    private static final String SIGNED_IN = Api.basic(TestUsers.EVERY_ROLE, TestUsers.PASSWORD);

    private final URI base;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final long serverPid;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> report = new ArrayList<>();

    private TicketCoreBenchmark(String[] args) {
        base = URI.create(args[0]);
        dbUrl = args[1];
        dbUser = args[2];
        dbPassword = args[3];
        serverPid = Long.parseLong(args[4]);
    }

    public static void main(String[] args) throws Exception {
        TicketCoreBenchmark benchmark = new TicketCoreBenchmark(args);
        benchmark.run();
        Path out = Path.of("target", "bench", "ticket-core.md");
        Files.createDirectories(out.getParent());
        Files.write(out, benchmark.report);
        benchmark.report.forEach(System.out::println);
    }

    private void run() throws Exception {
        // bench/ticket-core starts the application with the tests' first admin, who adds the user the requests act for.
        TestUsers.everyRole(new Api(base));
        long incident = createIncident();
        line("| measure | result | baseline in the same run |");
        line("|---|---|---|");
        createTickets(incident, WARMUP_CREATES);
        double apiRate = createTickets(incident, MEASURED_CREATES);
        double jdbcRate = jdbcInserts(MEASURED_CREATES);
        line(String.format(
                Locale.ROOT,
                "| REST ticket creation, %d clients, %,d tickets | **%.0f tickets/s** | plain JDBC "
                        + "(ticket + history row, one transaction each, %d threads): %.0f tickets/s (REST = %.0f%% of it) |",
                CLIENTS,
                MEASURED_CREATES,
                apiRate,
                CLIENTS,
                jdbcRate,
                100 * apiRate / jdbcRate));

        int existing = countTickets();
        seed(TOTAL_TICKETS - existing);
        line(String.format(Locale.ROOT, "| tickets in the database for the searches | %,d | |", countTickets()));
        Histogram api = search();
        Histogram jdbc = jdbcSearch();
        line(String.format(
                Locale.ROOT,
                "| search `queue=investigations&status=open&sort=due`, first page of 50, %,d "
                        + "sequential requests | **median %.1f ms**, p95 %.1f ms, p99 %.1f ms | the same page by plain "
                        + "JDBC (count + page): median %.1f ms, p95 %.1f ms |",
                SEARCHES,
                ms(api.getValueAtPercentile(50)),
                ms(api.getValueAtPercentile(95)),
                ms(api.getValueAtPercentile(99)),
                ms(jdbc.getValueAtPercentile(50)),
                ms(jdbc.getValueAtPercentile(95))));
        line(String.format(
                Locale.ROOT,
                "| server resident memory (VmRSS) after loading %,d tickets and searching | **%d MiB** | |",
                countTickets(),
                residentMiB()));
    }

    private void line(String text) {
        report.add(text);
        System.err.println(text);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private long createIncident() throws Exception {
        HttpResponse<String> created = post("{\"queue\": \"incidents\", \"subject\": \"benchmark campaign\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create the incident: " + created.body());
        }
        return Long.parseLong(
                created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }

    private HttpResponse<String> post(String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve("/api/tickets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", SIGNED_IN)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Creates {@code count} investigations under the incident with 4 clients; answers tickets per second. */
    private double createTickets(long incident, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String site = "SITE-" + (i % 300);
                    HttpResponse<String> answer =
                            post("{\"queue\": \"investigations\", \"subject\": \"CVE-2026-0001 at "
                                    + site + "\", \"incident\": " + incident + ", \"site\": \"" + site
                                    + "\", \"requestors\": [\"admin@"
                                    + site.toLowerCase(Locale.ROOT) + ".example\"], \"due\": \"2026-12-0" + (1 + i % 9)
                                    + "T12:00:00Z\"}");
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The database's own cost of the same rows: one ticket and one history row per transaction. */
    private double jdbcInserts(int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(threads.submit(() -> {
                try (Connection connection = connect()) {
                    connection.setAutoCommit(false);
                    PreparedStatement ticket = connection.prepareStatement(
                            "INSERT INTO tickets (queue, subject, status, "
                                    + "tlp, site, due_at, created_at, updated_at, version) VALUES ('INVESTIGATIONS', ?, 'RESOLVED', "
                                    + "'AMBER', ?, ?, NOW(6), NOW(6), 0)",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement history =
                            connection.prepareStatement("INSERT INTO ticket_history (ticket_id, type, "
                                    + "actor, at) VALUES (?, 'CREATE', 'jdbc', NOW(6))");
                    PreparedStatement requestor = connection.prepareStatement(
                            "INSERT INTO ticket_requestors (ticket_id, email) VALUES (?, ?)");
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        ticket.setString(1, "baseline " + i);
                        ticket.setString(2, "SITE-" + (i % 300));
                        ticket.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2026, 12, 1 + i % 9, 12, 0)));
                        ticket.executeUpdate();
                        long id;
                        try (ResultSet keys = ticket.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                        history.setLong(1, id);
                        history.executeUpdate();
                        requestor.setLong(1, id);
                        requestor.setString(2, "admin@site-" + (i % 300) + ".example");
                        requestor.executeUpdate();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
    }

    private int countTickets() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM tickets")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Fills up to the target with tickets spread over the queues, statuses and 60 days of due times. */
    private void seed(int count) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            PreparedStatement ticket = connection.prepareStatement("INSERT INTO tickets (queue, subject, status, tlp, "
                    + "site, due_at, created_at, updated_at, version) VALUES (?, ?, ?, 'AMBER', ?, ?, ?, ?, 0)");
            for (int i = 0; i < count; i++) {
                int queue = random.nextInt(QUEUES.length);
                String[] statuses = STATUSES[queue];
                Instant created = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 180)));
                ticket.setString(1, QUEUES[queue]);
                ticket.setString(2, "seeded ticket " + i);
                ticket.setString(3, statuses[random.nextInt(statuses.length)]);
                ticket.setString(4, "SITE-" + random.nextInt(300));
                if (random.nextInt(10) == 0) {
                    ticket.setNull(5, java.sql.Types.TIMESTAMP);
                } else {
                    ticket.setTimestamp(
                            5,
                            Timestamp.valueOf(LocalDateTime.ofInstant(
                                    now.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60) - 60 * 24 * 30)),
                                    ZoneOffset.UTC)));
                }
                ticket.setTimestamp(6, Timestamp.valueOf(LocalDateTime.ofInstant(created, ZoneOffset.UTC)));
                ticket.setTimestamp(7, Timestamp.valueOf(LocalDateTime.ofInstant(created, ZoneOffset.UTC)));
                ticket.addBatch();
                if (i % 5_000 == 4_999) {
                    ticket.executeBatch();
                    connection.commit();
                }
            }
            ticket.executeBatch();
            connection.commit();
        }
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE tickets");
        }
    }

    private Histogram search() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        base.resolve("/api/tickets?queue=investigations&status=open&sort=due&size=50"))
                .header("Authorization", SIGNED_IN)
                .timeout(Duration.ofSeconds(30))
                .build();
        Histogram latencies = new Histogram(60_000_000L, 3);
        for (int i = 0; i < SEARCH_WARMUP + SEARCHES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1_000;
            if (answer.statusCode() != 200 || !answer.body().contains("\"total\"")) {
                throw new IllegalStateException(answer.statusCode() + " " + answer.body());
            }
            if (i >= SEARCH_WARMUP) {
                latencies.recordValue(micros);
            }
        }
        return latencies;
    }

    /** The page and its count as the API runs them, over one connection, without the application. */
    private Histogram jdbcSearch() throws Exception {
        Histogram latencies = new Histogram(60_000_000L, 3);
        try (Connection connection = connect();
                PreparedStatement page =
                        connection.prepareStatement("SELECT id, queue, subject, status, owner, due_at, tlp, "
                                + "site, created_at, updated_at, version FROM tickets WHERE queue IN ('INVESTIGATIONS') AND status IN "
                                + "('OPEN') ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id LIMIT 50");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM tickets WHERE queue IN ('INVESTIGATIONS') AND status IN ('OPEN')")) {
            for (int i = 0; i < SEARCH_WARMUP + SEARCHES; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(1);
                    }
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                }
                if (i >= SEARCH_WARMUP) {
                    latencies.recordValue((System.nanoTime() - start) / 1_000);
                }
            }
        }
        return latencies;
    }

    private long residentMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(serverPid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + serverPid);
    }
}
