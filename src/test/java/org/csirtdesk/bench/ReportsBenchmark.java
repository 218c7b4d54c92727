package org.csirtdesk.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.csirtdesk.platform.control.SchemaMigration;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The activity report's figures (see bench/reports): the six-month report (the default period) over 100,000 tickets
 * and 1,000,000 history rows generated over three years up to now, with 3,000 campaign cases, suspensions and 100,000
 * outbox messages. The schema is migrated with the application's own Flyway migrations, the history filled by
 * multi-row INSERTs, then the application started: the first report is the cold one (fresh JVM, code not yet
 * compiled), then several warm ones, median and max; beside plain-JDBC baselines in the same run (a COUNT over the history, and
 * the same COUNT of the period's rows). Bounded: it stops by itself.
 */
public final class ReportsBenchmark {

    private static final int TICKETS = 100_000;
    private static final int HISTORY_ROWS = 1_000_000;
    private static final int CAMPAIGNS = 30;
    private static final int CASES_PER_CAMPAIGN = 100;
    private static final int SUSPENSIONS = 60;
    private static final int MESSAGES = 100_000;
    private static final int WARM_RUNS = 10;
    private static final int ROWS_PER_INSERT = 1_000;
    private static final Duration SPAN = Duration.ofDays(3 * 365);
    private static final String ADMIN = "admin";
    private static final String CSIRT = "reporter";
    private static final String PASSWORD = "benchmark-password";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Path root;
    private final int port;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Random random = new Random(8);
    private final Instant now = Instant.now();
    private final List<String> report = new ArrayList<>();

    private ReportsBenchmark(String[] args) {
        root = Path.of(args[0]);
        port = Integer.parseInt(args[1]);
        dbUrl = args[2];
        dbUser = args[3];
        dbPassword = args[4];
    }

    public static void main(String[] args) throws Exception {
        ReportsBenchmark benchmark = new ReportsBenchmark(args);
        benchmark.run();
        Path out = benchmark.root.resolve("target/bench/reports.md");
        Files.write(out, benchmark.report);
        benchmark.report.forEach(System.out::println);
    }

    private void run() throws Exception {
        MariaDbDataSource database = new MariaDbDataSource();
        database.setUrl(dbUrl);
        database.setUser(dbUser);
        database.setPassword(dbPassword);
        SchemaMigration.apply(database);
        long fillMillis = Measuring.timed(this::fill);
        log(String.format(Locale.ROOT, "filled in %.1f s", fillMillis / 1000.0));
        line("| measure | result | baseline in the same run |");
        line("|---|---|---|");
        line(String.format(
                Locale.ROOT,
                "| data | %,d tickets, %,d history rows (%,d in the last six months), %,d cases, "
                        + "%,d outbox messages; filled by multi-row INSERTs in %.1f s | |",
                count("tickets"),
                count("ticket_history"),
                countHistorySince(now.minus(Duration.ofDays(183))),
                count("campaign_cases"),
                count("outbox_messages"),
                fillMillis / 1000.0));
        try (ApplicationProcess application = start("reports-run.log")) {
            Api admin = new Api(application.url()).as(ADMIN, PASSWORD);
            expect(
                    admin.post(
                            "api/users",
                            "{\"name\": \"" + CSIRT + "\", \"password\": \"" + PASSWORD
                                    + "\", \"roles\": [\"csirt\"]}"),
                    201);
            Api csirt = new Api(application.url()).as(CSIRT, PASSWORD);
            // The first request of a user pays the password hash; the timed ones should not.
            expect(csirt.get("api/users/" + CSIRT), 200);
            String[] answer = new String[1];
            long cold = Measuring.timed(() ->
                    answer[0] = expect(csirt.get("api/reports/activity"), 200).body());
            long[] warm = new long[WARM_RUNS];
            for (int i = 0; i < WARM_RUNS; i++) {
                warm[i] = Measuring.timed(() -> expect(csirt.get("api/reports/activity"), 200));
            }
            long[] total = new long[5];
            long[] inPeriod = new long[5];
            for (int i = 0; i < total.length; i++) {
                total[i] = Measuring.timed(() -> count("ticket_history"));
                inPeriod[i] = Measuring.timed(() -> countHistorySince(now.minus(Duration.ofDays(183))));
            }
            long csv = Measuring.timed(() -> expect(csirt.get("api/reports/activity.csv"), 200));
            line(String.format(
                    Locale.ROOT,
                    "| `GET /api/reports/activity` (the last six months), cold: first request "
                            + "after start | **%,d ms** | |",
                    cold));
            line(String.format(
                    Locale.ROOT,
                    "| the same, warm, %d runs | **median %,d ms**, max %,d ms | plain JDBC `SELECT "
                            + "COUNT(*) FROM ticket_history`: median %,d ms, max %,d ms; the period's rows (`WHERE at >= ...`, "
                            + "index): median %,d ms |",
                    WARM_RUNS,
                    Measuring.median(warm),
                    max(warm),
                    Measuring.median(total),
                    max(total),
                    Measuring.median(inPeriod)));
            line(String.format(
                    Locale.ROOT, "| the same as CSV (`activity.csv`), once after the warm runs | %,d ms | |", csv));
            line(String.format(
                    Locale.ROOT,
                    "| the JSON answer | %,d bytes; all queues: %s | |",
                    answer[0].length(),
                    allQueues(answer[0])));
        }
    }

    private ApplicationProcess start(String log) throws Exception {
        Map<String, String> environment = new TreeMap<>(Map.of(
                "DB_URL",
                dbUrl,
                "DB_USER",
                dbUser,
                "DB_PASSWORD",
                dbPassword,
                "CSIRT_SITE_REGISTRY",
                "embedded",
                "CSIRT_SITE_STATUS_CHANGE",
                "embedded",
                "CSIRT_SECURITY_INITIAL_ADMIN",
                ADMIN + ":" + PASSWORD));
        log("starting the application against " + dbUrl);
        // On a loaded machine Payara may take over three minutes to deploy: the launch and the deployment each get
        // ApplicationProcess's time of their own.
        ApplicationProcess application =
                ApplicationProcess.launch(root, port, root.resolve("target/bench/" + log), environment);
        application.awaitLaunched();
        application.awaitReady();
        log("ready");
        return application;
    }

    /** The row of all queues' counts, for the record. */
    private static String allQueues(String json) {
        JsonObject all = Json.createReader(new StringReader(json))
                .readObject()
                .getJsonArray("queues")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(q -> q.getString("queue").equals("all"))
                .findFirst()
                .orElseThrow();
        return String.format(
                Locale.ROOT,
                "%,d new, %,d older updated, %,d resolved, first response median %s wd",
                all.getJsonNumber("created").longValue(),
                all.getJsonNumber("olderUpdated").longValue(),
                all.getJsonNumber("resolved").longValue(),
                all.getJsonObject("firstResponse").get("median"));
    }

    // The history: tickets over three years up to now, each with a creation and on average nine later changes.

    private void fill() {
        try (Connection db = connect();
                Statement statement = db.createStatement()) {
            statement.execute("SET foreign_key_checks = 0");
            statement.execute("SET unique_checks = 0");
            String[] queues = {
                "INCIDENT_REPORTS",
                "INCIDENT_REPORTS",
                "INCIDENT_REPORTS",
                "INCIDENT_REPORTS",
                "INVESTIGATIONS",
                "INVESTIGATIONS",
                "INVESTIGATIONS",
                "INVESTIGATIONS",
                "COUNTERMEASURES",
                "INCIDENTS"
            };
            Instant first = now.minus(SPAN);
            MultiRowInsert tickets = new MultiRowInsert(
                    statement,
                    "INSERT INTO tickets (id, queue, subject, status, tlp, site, created_at, "
                            + "updated_at, version) VALUES ",
                    ROWS_PER_INSERT);
            MultiRowInsert history = new MultiRowInsert(
                    statement,
                    "INSERT INTO ticket_history (ticket_id, type, actor, at, field, old_value, "
                            + "new_value, content) VALUES ",
                    ROWS_PER_INSERT);
            int[] changesOf = changesPerTicket();
            List<Long> incidents = new ArrayList<>();
            List<Long> countermeasures = new ArrayList<>();
            for (long id = 1; id <= TICKETS; id++) {
                String queue = queues[random.nextInt(queues.length)];
                if (queue.equals("INCIDENTS")) {
                    incidents.add(id);
                } else if (queue.equals("COUNTERMEASURES")) {
                    countermeasures.add(id);
                }
                Instant created = first.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
                int changes = changesOf[(int) id - 1];
                history.add(id + ", 'CREATE', 'csirt-user', " + time(created)
                        + ", NULL, NULL, NULL, 'A report about host " + id + ".example.org'");
                Instant at = created;
                boolean closed = false;
                for (int c = 0; c < changes; c++) {
                    at = at.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 3 * 86400));
                    at = at.isAfter(now) ? now : at;
                    int kind = random.nextInt(10);
                    if (kind < 3) {
                        history.add(
                                id + ", 'CORRESPOND', 'mail:admin@site" + (id % 400) + ".example', " + time(at)
                                        + ", NULL, NULL, NULL, 'Thank you, we are looking into it. Regards, the site administrator.'");
                    } else if (kind < 6) {
                        history.add(id + ", 'CORRESPOND', '" + (kind == 5 ? "csirt-desk" : "alice") + "', " + time(at)
                                + ", NULL, NULL, NULL, 'Dear site administrator, please patch the hosts named below.'");
                    } else if (kind < 8) {
                        history.add(id + ", 'COMMENT', 'alice', " + time(at)
                                + ", NULL, NULL, NULL, 'Checked with the NGI.'");
                    } else {
                        String target = closed ? "open" : "resolved";
                        history.add(id + ", 'STATUS', 'alice', " + time(at) + ", 'status', '"
                                + (closed ? "resolved" : "open") + "', '" + target + "', NULL");
                        closed = !closed;
                    }
                }
                tickets.add(id + ", '" + queue + "', 'Generated ticket " + id + "', '" + (closed ? "RESOLVED" : "OPEN")
                        + "', 'AMBER', 'SITE-" + (id % 400) + "', " + time(created) + ", " + time(at) + ", 0");
            }
            tickets.flush();
            history.flush();
            MultiRowInsert campaigns = new MultiRowInsert(
                    statement,
                    "INSERT INTO campaigns (id, incident_ticket_id, title, advisory_text, "
                            + "severe_interruption, scope, tlp, state, created_at, created_by, version) VALUES ",
                    ROWS_PER_INSERT);
            MultiRowInsert vulnerabilities = new MultiRowInsert(
                    statement,
                    "INSERT INTO campaign_vulnerabilities (campaign_id, vulnerability) VALUES ",
                    ROWS_PER_INSERT);
            MultiRowInsert cases = new MultiRowInsert(
                    statement,
                    "INSERT INTO campaign_cases (id, campaign_id, site, state, path, round_no, "
                            + "deadline_round, hosts, vulnerable, reminders, awaiting_csirt, recommends_suspension, final_warning_at, "
                            + "opened_at, version) VALUES ",
                    ROWS_PER_INSERT);
            long caseId = 1;
            for (int c = 1; c <= CAMPAIGNS; c++) {
                Instant opened = first.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
                campaigns.add(c + ", " + incidents.get(c) + ", 'Campaign " + c
                        + "', 'advisory', FALSE, 'WIDESPREAD', 'AMBER', " + "'STARTED', " + time(opened)
                        + ", 'alice', 0");
                vulnerabilities.add(c + ", 'CVE-2026-" + (1000 + c % 20) + "'");
                for (int s = 0; s < CASES_PER_CAMPAIGN; s++) {
                    Instant caseOpened = opened.plusSeconds(random.nextInt(3 * 86400));
                    cases.add(caseId++ + ", " + c + ", 'SITE-" + s
                            + "', 'OPEN', 'NORMAL', 1, 1, '', TRUE, 0, FALSE, FALSE, "
                            + (random.nextInt(3) == 0 ? time(caseOpened.plus(Duration.ofDays(6))) : "NULL") + ", "
                            + time(caseOpened) + ", 0");
                }
            }
            campaigns.flush();
            vulnerabilities.flush();
            cases.flush();
            MultiRowInsert suspensions = new MultiRowInsert(
                    statement,
                    "INSERT INTO suspensions (id, case_id, campaign_id, site, state, reason, "
                            + "decided_by, decided_at, countermeasure_ticket_id, status_change_id, suspended_at, version) VALUES ",
                    ROWS_PER_INSERT);
            for (int s = 1; s <= SUSPENSIONS; s++) {
                long kase = 1 + random.nextInt(CAMPAIGNS * CASES_PER_CAMPAIGN);
                Instant decided = first.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
                suspensions.add(s + ", " + kase + ", " + (1 + (kase - 1) / CASES_PER_CAMPAIGN) + ", 'SITE-"
                        + ((kase - 1) % CASES_PER_CAMPAIGN)
                        + "', 'ACTIVE', 'Not patched by the deadline', 'coordinator', " + time(decided) + ", "
                        + countermeasures.get(s) + ", " + s + ", " + time(decided.plusSeconds(3600)) + ", 0");
            }
            suspensions.flush();
            MultiRowInsert messages = new MultiRowInsert(
                    statement,
                    "INSERT INTO outbox_messages (id, dedup_key, message_id, kind, tlp, subject, body, "
                            + "state, created_at, sent_at, version) VALUES ",
                    ROWS_PER_INSERT);
            String[] kinds = {"sec03-ticket", "sec03-reminder", "sec03-final-warning", "sec03-thanks", "mail-owner"};
            for (int m = 1; m <= MESSAGES; m++) {
                Instant created = first.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
                boolean sent = random.nextInt(5) > 0;
                messages.add(m + ", 'bench/" + m + "', '<bench-" + m + "@csirt-desk.local>', '"
                        + kinds[m % kinds.length]
                        + "', 'AMBER', 'subject', 'body', '" + (sent ? "SENT" : "FAILED") + "', " + time(created) + ", "
                        + (sent ? time(created.plusSeconds(30)) : "NULL") + ", 0");
            }
            messages.flush();
            statement.execute("ANALYZE TABLE tickets, ticket_history, campaign_cases, outbox_messages");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 0 to 18 changes per ticket after its creation (9 on average), adjusted so that the history has exactly its rows. */
    private int[] changesPerTicket() {
        int[] changes = new int[TICKETS];
        long rows = TICKETS;
        for (int i = 0; i < TICKETS; i++) {
            changes[i] = random.nextInt(19);
            rows += changes[i];
        }
        while (rows != HISTORY_ROWS) {
            int i = random.nextInt(TICKETS);
            if (rows < HISTORY_ROWS) {
                changes[i]++;
                rows++;
            } else if (changes[i] > 0) {
                changes[i]--;
                rows--;
            }
        }
        return changes;
    }

    private static String time(Instant instant) {
        return "'" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(SQL_TIME) + "'";
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
    }

    private long count(String table) {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long countHistorySince(Instant since) {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT COUNT(*) FROM ticket_history WHERE at >= " + time(since))) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long max(long[] values) {
        long max = Long.MIN_VALUE;
        for (long value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static Api.Answer expect(Api.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer);
        }
        return answer;
    }

    private void line(String text) {
        report.add(text);
        System.err.println(text);
    }

    private static void log(String text) {
        System.err.println("[" + Instant.now() + "] " + text);
    }
}
