package org.csirtdesk.bench;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.Secrets;

/**
 * The schedule's figures (see bench/schedule), in two parts, each against its own fresh database and its own start
 * of the application by {@code payara/run}, with a GOCDB imitation of 1,000 sites (4 contacts and 10 hosts each) on
 * loopback and a heartbeat every second (the shortest interval Payara's timer service keeps):
 * <ol>
 *   <li><b>beats</b> (exercise mode): 1,000 sites found vulnerable to 10 vulnerabilities by one Pakiti snapshot; 10
 *   campaigns of 1,000 sites each drafted and started through the API (each call timed); the exercise clock moved to
 *   the tickets' time, so that one beat opens 10,000 tickets; the idle beats sampled; then the clock moved to each of
 *   the three daily reminders, so that one beat finds 10,000 due reminders, three times. Everything in this part is
 *   written by the application itself. The baselines, in the same run, from as many threads as the heartbeat has
 *   workers: as many single-row transactions of an outbox-like row by plain JDBC; and the reminders' rows by plain
 *   JDBC, one transaction per step, on scratch copies of the tables.</li>
 *   <li><b>growth</b> (no exercise mode: the production heartbeat): one campaign of 1,000 sites drafted and started
 *   through the API, its tickets and reminders made due by moving their rows' due time to now (the application's
 *   clock is the real one); between its reminders the database is filled to 10,000 and then 100,000 open cases by SQL
 *   copies of every row the application wrote for that campaign (campaign, Incident, cases, tickets with their
 *   requestors, links and history, steps, events, outbox messages), with new ids and their times still ahead moved
 *   four weeks on, so that nothing of them comes due. At each size: idle beats, and a beat of the campaign's 1,000
 *   reminders.</li>
 * </ol>
 * Bounded: every wait has a limit and the whole run stops after 14 minutes; a shutdown hook stops the application.
 */
public final class ScheduleBenchmark {

    private static final int SITES = 1_000;
    /** Each site with its 4 contacts (one administrator) and 10 hosts, as the site registry's benchmark has them. */
    private static final int HOSTS = 10;

    private static final int CAMPAIGNS = 10;
    private static final int REMINDERS = 3;
    private static final String ADMIN = "bench-admin";
    private static final String CSIRT = "bench-csirt";
    private static final String PASSWORD = "a benchmark password 0123456789";
    private static final String PAKITI_TOKEN = "bench-pakiti-token-schedule-0123456789abcdef";
    /** Payara's EJB timer service delivers an interval timer at most once a second: a shorter one beats every second. */
    private static final String HEARTBEAT = "PT1S";

    private static final ZoneId CSIRT_ZONE = ZoneId.of("Europe/Amsterdam");
    /** Idle beats sampled for the idle figure (10,000 open cases, production heartbeat), and elsewhere. */
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(40);

    private static final Duration SHORT_IDLE_SAMPLE = Duration.ofSeconds(15);
    private static final Duration LONGEST_BEAT = Duration.ofMinutes(4);
    private static final int SHIFT_DAYS = 28;
    private static final DateTimeFormatter PAKITI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** What GET /api/schedule tells of this instance's heartbeat. */
    record Heart(
            long beats,
            long idleBeats,
            long lastIdleMicros,
            long maxIdleMicros,
            long stepsRun,
            long stepsFailed,
            long lastBusyMillis,
            long lastBusySteps) {

        static Heart of(JsonObject json) {
            return new Heart(
                    json.getJsonNumber("beats").longValue(),
                    json.getJsonNumber("idleBeats").longValue(),
                    json.getJsonNumber("lastIdleMicros").longValue(),
                    json.getJsonNumber("maxIdleMicros").longValue(),
                    json.getJsonNumber("stepsRun").longValue(),
                    json.getJsonNumber("stepsFailed").longValue(),
                    json.getJsonNumber("lastBusyMillis").longValue(),
                    json.getJsonNumber("lastBusySteps").longValue());
        }
    }

    /** One busy beat as the client saw it and as the server recorded it, with the CPU time it took. */
    record Beat(
            int steps, long stepsMillis, long outboxMillis, long busyMillis, long busySteps, long failed, Cpu cpu) {}

    /**
     * CPU time in milliseconds of the application's JVM, of MariaDB, and of the whole machine (every process, both
     * cores), to see where a beat's time went on a machine that others share.
     */
    record Cpu(long app, long db, long machine) {

        Cpu minus(Cpu earlier) {
            return new Cpu(app - earlier.app, db - earlier.db, machine - earlier.machine);
        }

        String text(int steps) {
            return String.format(
                    Locale.ROOT,
                    "CPU: application %s, MariaDB %s, all processes %s; per step %.2f ms and " + "%.2f ms",
                    ms(app),
                    ms(db),
                    ms(machine),
                    (double) app / steps,
                    (double) db / steps);
        }
    }

    /** Idle beats sampled one by one from lastIdleMicros. */
    record Idle(int samples, int missed, long median, long p90, long max) {

        String text() {
            return String.format(
                    Locale.ROOT,
                    "median %s, p90 %s, max %s (%d beats)",
                    micros(median),
                    micros(p90),
                    micros(max),
                    samples);
        }
    }

    private final Path root;
    private final int port;
    private final String dbUser;
    private final String dbPassword;
    private final int workers;
    private final long stopBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(14);
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile ApplicationProcess running;

    private ScheduleBenchmark(Path root, int port, String dbUser, String dbPassword, int workers) {
        this.root = root;
        this.port = port;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.workers = workers;
    }

    /** Arguments: project root, port, JDBC URL of the beats part, JDBC URL of the growth part, user, password, workers, parts. */
    public static void main(String[] args) throws Exception {
        ScheduleBenchmark bench = new ScheduleBenchmark(
                Path.of(args[0]), Integer.parseInt(args[1]), args[4], args[5], Integer.parseInt(args[6]));
        String parts = args.length > 7 ? args[7] : "all";
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopRunning, "stop-the-application"));
        try (GocdbServer gocdb = GocdbServer.generated(SITES, 4, HOSTS)) {
            if (parts.equals("all") || parts.equals("beats")) {
                bench.beats(gocdb, args[2]);
            }
            if (parts.equals("all") || parts.equals("growth")) {
                bench.growth(gocdb, args[3]);
            }
        } finally {
            bench.stopRunning();
        }
        bench.rows.forEach(System.out::println);
        System.out.println();
        bench.notes.forEach(System.out::println);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Part 1: 10 campaigns of 1,000 sites, everything written by the application, time moved by the exercise clock.

    private void beats(GocdbServer gocdb, String dbUrl) throws Exception {
        Session app = start(gocdb, dbUrl, true, "schedule-beats-run.log");
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            ZonedDateTime advisoryDay =
                    quietWednesday(ZonedDateTime.now(CSIRT_ZONE).plusHours(20));
            move(app, advisoryDay.toInstant());
            List<String> cves = new ArrayList<>();
            for (int i = 1; i <= CAMPAIGNS; i++) {
                cves.add(String.format(Locale.ROOT, "CVE-2026-%05d", 90_000 + i));
            }
            Api.Answer pakiti = pakiti(app, cves, advisoryDay.minusHours(1).toInstant(), CAMPAIGNS * SITES);
            log("Pakiti: " + pakiti.body());

            long[] createMillis = new long[CAMPAIGNS];
            long[] startMillis = new long[CAMPAIGNS];
            List<JsonObject> started = new ArrayList<>();
            for (int i = 0; i < CAMPAIGNS; i++) {
                String draft = draft(cves.get(i), null);
                long t0 = System.nanoTime();
                Api.Answer created = app.csirt.post("api/campaigns", draft);
                createMillis[i] = millisSince(t0);
                expect(created, 201);
                JsonObject view = created.json();
                if (view.getJsonObject("cases").getInt("pending", 0) != SITES
                        || !view.getJsonArray("unknownSites").isEmpty()) {
                    throw new IllegalStateException("campaign of " + cves.get(i) + ": " + created.body());
                }
                long id = view.getJsonNumber("id").longValue();
                t0 = System.nanoTime();
                Api.Answer start = app.csirt.post("api/campaigns/" + id + "/start", "");
                startMillis[i] = millisSince(t0);
                expect(start, 200);
                started.add(start.json());
                log("campaign #" + id + " drafted in " + createMillis[i] + " ms, started in " + startMillis[i] + " ms");
            }
            row(
                    "draft a campaign of 1,000 vulnerable sites: `POST /api/campaigns` (Incident, 1,000 cases and their "
                            + "events), " + CAMPAIGNS + " campaigns one after another",
                    "median " + ms(Measuring.median(createMillis)) + ", max " + ms(max(createMillis)),
                    "",
                    "< 1 s");
            row(
                    "start it: `POST /api/campaigns/{id}/start` (advisory to the lists, about 6 planned steps for each of the "
                            + "1,000 cases)",
                    "median " + ms(Measuring.median(startMillis)) + ", max " + ms(max(startMillis)),
                    "",
                    "< 1 s");

            Map<String, Instant> due = latestDue(
                    app,
                    started,
                    List.of("r1/ticket", "r1/reminder-1", "r1/reminder-2", "r1/reminder-3", "r1/d1/final-warning"));
            log("steps due (latest of the campaigns): " + due);
            int cases = CAMPAIGNS * SITES;

            Beat tickets =
                    beat(app, db, cases, () -> move(app, due.get("r1/ticket").plusSeconds(60)));
            checkSteps(db, "r1/ticket", null, cases);
            row(
                    "one beat finds 10,000 due ticket steps: opens 10,000 Investigations (ticket, requestors, link, history) "
                            + "with their first notice in the outbox",
                    beatText(tickets),
                    "",
                    "report");

            Idle idle = idle(app, SHORT_IDLE_SAMPLE);
            row(
                    "an idle beat (exercise mode: one more primary-key read per beat), 10,000 open cases, "
                            + planned(db) + " planned steps; `lastIdleMicros` of each beat over "
                            + SHORT_IDLE_SAMPLE.toSeconds() + " s",
                    idle.text(),
                    "",
                    "< 5 ms");

            List<Beat> reminders = new ArrayList<>();
            for (int r = 1; r <= REMINDERS; r++) {
                String step = "r1/reminder-" + r;
                reminders.add(beat(app, db, cases, () -> move(app, due.get(step).plusSeconds(60))));
                checkSteps(db, step, null, cases);
                Api.pause(Duration.ofSeconds(2));
            }
            long baseline = baselineTransactions(db, dbUrl, cases, averageBody(db, "sec03-reminder"));
            long jdbcReminders = baselineReminders(db, dbUrl, cases, reminderBody(db));
            long[] busy = reminders.stream().mapToLong(Beat::busyMillis).toArray();
            long[] steps = reminders.stream().mapToLong(Beat::stepsMillis).toArray();
            long[] outbox = reminders.stream().mapToLong(Beat::outboxMillis).toArray();
            long medianBusy = Measuring.median(busy);
            Beat median = reminders.stream()
                    .filter(beat -> beat.busyMillis() == medianBusy)
                    .findFirst()
                    .orElseThrow();
            row(
                    "one beat finds 10,000 due reminders (10,000 open cases, one reminder each) and runs them: letter in the "
                            + "outbox, message in the ticket's history, case event; median of " + REMINDERS
                            + " beats (each "
                            + "beat's own time; "
                            + Arrays.toString(Arrays.stream(busy)
                                    .mapToObj(ScheduleBenchmark::ms)
                                    .toArray())
                            + ")",
                    ms(medianBusy) + " (end to end from the clock's move: steps run " + ms(Measuring.median(steps))
                            + ", outbox rows " + ms(Measuring.median(outbox)) + "; "
                            + String.format(Locale.ROOT, "%,.0f steps/s", cases * 1000.0 / medianBusy) + ", "
                            + reminders.stream().mapToLong(Beat::failed).sum() + " failed; "
                            + median.cpu().text(cases) + ")",
                    String.format(
                            Locale.ROOT,
                            "10,000 single-row transactions of an outbox-like row by plain JDBC, %d "
                                    + "threads: %s (ours %.1f times it); the reminders' rows by plain JDBC, one transaction of 15 "
                                    + "statements per step, on copies of the tables: %s (ours %.1f times it)",
                            workers,
                            ms(baseline),
                            (double) medianBusy / baseline,
                            ms(jdbcReminders),
                            (double) medianBusy / jdbcReminders),
                    "< 10 s");
        } finally {
            stop(app);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Part 2: one campaign's reminders with 1,000, 10,000 and 100,000 open cases; the production heartbeat.

    private void growth(GocdbServer gocdb, String dbUrl) throws Exception {
        Session app = start(gocdb, dbUrl, false, "schedule-growth-run.log");
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            String cve = "CVE-2026-80001";
            String warmUpCve = "CVE-2026-80002";
            Api.Answer pakiti =
                    pakiti(app, List.of(cve, warmUpCve), Instant.now().minus(Duration.ofHours(1)), 2 * SITES);
            log("Pakiti: " + pakiti.body());
            ZonedDateTime deadline =
                    quietWednesday(ZonedDateTime.now(CSIRT_ZONE).plusDays(7).plusHours(1));
            JsonObject warmUp = startCampaign(app, warmUpCve, deadline.toInstant());
            JsonObject measured = startCampaign(app, cve, deadline.toInstant());
            long campaign = measured.getJsonNumber("id").longValue();
            long incident = measured.getJsonNumber("incident").longValue();
            Map<String, Instant> due = latestDue(
                    app, List.of(measured), List.of("r1/ticket", "r1/reminder-1", "r1/reminder-2", "r1/reminder-3"));
            log("growth campaign #" + campaign + " (Incident #" + incident + "), deadline " + deadline + ", steps "
                    + due);

            // A fresh JVM is slow until the JIT has compiled the steps' code: a campaign of its own runs its tickets
            // and
            // two reminders first; then a Pakiti snapshot without its vulnerability clears it and the application
            // resolves its cases, so that only the measured campaign's cases are open.
            long warmUpId = warmUp.getJsonNumber("id").longValue();
            for (String step : List.of("r1/ticket", "r1/reminder-1", "r1/reminder-2")) {
                log("warm-up, " + step + ": " + beatText(beat(app, db, SITES, () -> dueNow(db, warmUpId, step))));
            }
            for (int first = 1; first <= SITES; first += 100) {
                clear(app, cve, first, Math.min(SITES, first + 99), Instant.now());
            }
            long resolved = single(
                    db, "SELECT COUNT(*) FROM campaign_cases WHERE state = 'RESOLVED' AND campaign_id = " + warmUpId);
            if (resolved != SITES) {
                throw new IllegalStateException(
                        resolved + " cases of the warm-up campaign resolved, expected " + SITES);
            }

            Beat tickets = beat(app, db, SITES, () -> dueNow(db, campaign, "r1/ticket"));
            checkSteps(db, "r1/ticket", campaign, SITES);
            log("tickets of the growth campaign: " + beatText(tickets));
            checkMessageIds(db, campaign, incident);

            List<String> growth = new ArrayList<>();
            growth.add(
                    "| open cases | planned steps (all rows) in schedule_steps | idle beat, `lastIdleMicros` | one beat of "
                            + "1,000 due reminders: the beat's own time | end to end: steps run, outbox rows | CPU per step: "
                            + "application, MariaDB |");
            growth.add("|---|---|---|---|---|---|");
            int[] sizes = {1, 10, 100};
            for (int r = 1; r <= REMINDERS; r++) {
                int copies = sizes[r - 1] - 1;
                int already = r == 1 ? 0 : sizes[r - 2] - 1;
                if (copies > already) {
                    try (Statement ddl = db.createStatement()) {
                        ddl.execute("CREATE TABLE IF NOT EXISTS bench_copy_tickets (id BIGINT NOT NULL PRIMARY KEY)");
                        ddl.execute("CREATE TABLE IF NOT EXISTS bench_copy_outbox (id BIGINT NOT NULL PRIMARY KEY)");
                    }
                    long t0 = System.nanoTime();
                    for (int k = already + 1; k <= copies; k++) {
                        copyCampaign(db, campaign, incident, cve, k);
                        if (System.nanoTime() > stopBy) {
                            throw new IllegalStateException("out of time while copying campaign " + k);
                        }
                    }
                    log("copied the campaign " + (copies - already) + " times in " + ms(millisSince(t0)));
                    checkCopies(app, db);
                }
                long open = single(db, "SELECT COUNT(*) FROM campaign_cases WHERE state = 'OPEN'");
                if (open != (long) sizes[r - 1] * SITES) {
                    throw new IllegalStateException(open + " open cases, expected " + sizes[r - 1] * SITES);
                }
                long planned = planned(db);
                long allSteps = single(db, "SELECT COUNT(*) FROM schedule_steps");
                Idle idle = idle(app, sizes[r - 1] == 10 ? IDLE_SAMPLE : SHORT_IDLE_SAMPLE);
                String step = "r1/reminder-" + r;
                Beat beat = beat(app, db, SITES, () -> dueNow(db, campaign, step));
                checkSteps(db, step, campaign, SITES);
                growth.add(String.format(
                        Locale.ROOT,
                        "| %,d | %,d (%,d) | %s | **%s** | %s, %s | %.2f ms, %.2f ms |",
                        open,
                        planned,
                        allSteps,
                        idle.text(),
                        ms(beat.busyMillis()),
                        ms(beat.stepsMillis()),
                        ms(beat.outboxMillis()),
                        (double) beat.cpu().app() / SITES,
                        (double) beat.cpu().db() / SITES));
                if (sizes[r - 1] == 10) {
                    row(
                            String.format(
                                    Locale.ROOT,
                                    "an idle beat (production heartbeat), 10,000 open cases, %,d planned "
                                            + "steps; `lastIdleMicros` of each beat over %d s",
                                    planned,
                                    IDLE_SAMPLE.toSeconds()),
                            idle.text(),
                            "",
                            "< 5 ms");
                }
            }
            notes.add("Growth (one campaign of 1,000 cases made by the application, the rest SQL copies of its rows):");
            notes.add("");
            notes.addAll(growth);
        } finally {
            stop(app);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The application and its API.

    /** The application started, an admin's user for the benchmark added, its login warmed up. */
    private record Session(ApplicationProcess application, Api anonymous, Api csirt) {}

    private Session start(GocdbServer gocdb, String dbUrl, boolean exercise, String log) throws Exception {
        Map<String, String> environment = new TreeMap<>(Map.ofEntries(
                Map.entry("DB_URL", dbUrl),
                Map.entry("DB_USER", dbUser),
                Map.entry("DB_PASSWORD", dbPassword),
                Map.entry("CSIRT_SITE_REGISTRY", "gocdb"),
                Map.entry("CSIRT_GOCDB_URL", gocdb.url()),
                Map.entry("CSIRT_GOCDB_TOKEN", "benchmark"),
                Map.entry("CSIRT_SITE_OPERATORS_ADDRESS", "operators@bench.example"),
                Map.entry("CSIRT_ALERTS_PAKITI_TOKEN_SHA256", Secrets.sha256(PAKITI_TOKEN)),
                Map.entry("CSIRT_SECURITY_INITIAL_ADMIN", ADMIN + ":" + PASSWORD),
                Map.entry("CSIRT_SCHEDULE_HEARTBEAT", HEARTBEAT),
                Map.entry("CSIRT_SCHEDULE_WORKERS", String.valueOf(workers))));
        if (exercise) {
            environment.put("EXERCISE_MODE", "true");
        }
        log("starting the application against " + dbUrl + (exercise ? " (exercise mode)" : "") + ", " + workers
                + " workers, heartbeat " + HEARTBEAT);
        ApplicationProcess application =
                ApplicationProcess.start(root, port, root.resolve("target/bench/" + log), environment);
        running = application;
        Api anonymous = new Api(application.url());
        Api admin = anonymous.as(ADMIN, PASSWORD);
        expect(
                admin.post(
                        "api/users",
                        "{\"name\": \"" + CSIRT + "\", \"password\": \"" + PASSWORD + "\", \"roles\": "
                                + "[\"csirt\"], \"email\": \"csirt@bench.example\"}"),
                201);
        Api csirt = anonymous.as(CSIRT, PASSWORD);
        // The first request of a user pays the password hash (about 140 ms); none of the timed ones should.
        expect(csirt.get("api/users/" + CSIRT), 200);
        application.awaitFirstRefresh(csirt);
        return new Session(application, anonymous, csirt);
    }

    private void stop(Session app) {
        app.application().stop();
        running = null;
    }

    private void stopRunning() {
        ApplicationProcess application = running;
        if (application != null) {
            application.stop();
            running = null;
        }
    }

    /** A Pakiti snapshot: every site's first host vulnerable to each of the vulnerabilities. */
    private static Api.Answer pakiti(Session app, List<String> cves, Instant lastReport, int created) {
        String at = PAKITI_TIME.format(lastReport.atOffset(ZoneOffset.UTC));
        StringBuilder csv = new StringBuilder("tag,cve,site,host,os,arch,last_report\n");
        for (String cve : cves) {
            for (int site = 1; site <= SITES; site++) {
                String name = String.format(Locale.ROOT, "SITE-%04d", site);
                csv.append("EGI-Critical,")
                        .append(cve)
                        .append(',')
                        .append(name)
                        .append(",wn001.")
                        .append(name.toLowerCase(Locale.ROOT))
                        .append(".example,\"AlmaLinux 9.3\",x86_64,\"")
                        .append(at)
                        .append("\"\n");
            }
        }
        Api.Answer answer = app.anonymous()
                .send(
                        "POST",
                        "api/alerts/pakiti",
                        "text/csv",
                        csv.toString(),
                        Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        expect(answer, 200);
        if (answer.json().getInt("created") != created) {
            throw new IllegalStateException("Pakiti: " + answer.body());
        }
        return answer;
    }

    /**
     * A Pakiti report that covers sites {@code first} to {@code last} ({@code ?site=}) and lists only their host
     * vulnerable to {@code still}: every other Pakiti finding of those sites is clear.
     */
    private static void clear(Session app, String still, int first, int last, Instant lastReport) {
        String at = PAKITI_TIME.format(lastReport.atOffset(ZoneOffset.UTC));
        StringBuilder csv = new StringBuilder("tag,cve,site,host,os,arch,last_report\n");
        StringBuilder query = new StringBuilder("api/alerts/pakiti");
        for (int site = first; site <= last; site++) {
            String name = String.format(Locale.ROOT, "SITE-%04d", site);
            query.append(site == first ? '?' : '&').append("site=").append(name);
            csv.append("EGI-Critical,")
                    .append(still)
                    .append(',')
                    .append(name)
                    .append(",wn001.")
                    .append(name.toLowerCase(Locale.ROOT))
                    .append(".example,\"AlmaLinux 9.3\",x86_64,\"")
                    .append(at)
                    .append("\"\n");
        }
        Api.Answer answer = app.anonymous()
                .send(
                        "POST",
                        query.toString(),
                        "text/csv",
                        csv.toString(),
                        Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        expect(answer, 200);
        if (answer.json().getInt("cleared") != last - first + 1) {
            throw new IllegalStateException("Pakiti clear of sites " + first + " to " + last + ": " + answer.body());
        }
    }

    private static JsonObject startCampaign(Session app, String cve, Instant deadline) {
        Api.Answer created = app.csirt().post("api/campaigns", draft(cve, deadline));
        expect(created, 201);
        Api.Answer start = app.csirt()
                .post("api/campaigns/" + created.json().getJsonNumber("id").longValue() + "/start", "");
        expect(start, 200);
        return start.json();
    }

    private static String draft(String cve, Instant deadline) {
        return "{\"title\": \"Benchmark: local root in the kernel (" + cve + ")\", \"vulnerabilities\": [\"" + cve
                + "\"], "
                + "\"advisory\": \"Advisory EGI-SVG-" + cve + ": a local user can become root. Update the kernel.\", "
                + "\"advisoryLink\": \"https://advisories.bench.example/" + cve + "\", "
                + "\"recommendedAction\": \"Update the kernel to the fixed release and reboot the worker nodes.\", "
                + "\"scope\": \"widespread\", \"tlp\": \"AMBER\""
                + (deadline == null ? "" : ", \"deadline\": \"" + deadline + "\"") + "}";
    }

    private static void move(Session app, Instant to) {
        expect(app.csirt().post("api/exercise/clock", "{\"to\": \"" + to + "\"}"), 200);
    }

    /** The latest due time of each named step over the campaigns, from their timelines. */
    private static Map<String, Instant> latestDue(Session app, List<JsonObject> campaigns, List<String> steps) {
        Map<String, Instant> due = new TreeMap<>();
        for (JsonObject campaign : campaigns) {
            JsonArray timeline = app.csirt()
                    .get("api/campaigns/" + campaign.getJsonNumber("id").longValue() + "/timeline")
                    .array();
            for (JsonValue entry : timeline) {
                JsonObject line = entry.asJsonObject();
                String step = line.getString("step");
                if (steps.contains(step)) {
                    due.merge(step, Instant.parse(line.getString("at")), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        if (!due.keySet().containsAll(steps)) {
            throw new IllegalStateException("the timeline lacks some of " + steps + ": " + due);
        }
        return due;
    }

    private static Heart heart(Session app) {
        return Heart.of(app.csirt().get("api/schedule").json());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Measuring.

    /**
     * Makes {@code steps} steps due and times them until the heartbeat has run them all and the outbox holds as many
     * more rows, polling every 50 ms (the outbox count every 100 ms); then waits for the busy beat to end and reads its
     * own time.
     */
    private Beat beat(Session app, Connection db, int steps, Runnable makeDue) throws SQLException {
        String outboxCount = "SELECT COUNT(*) FROM outbox_messages";
        Heart before = heart(app);
        long outboxBefore = single(db, outboxCount);
        Cpu cpuBefore = cpu();
        long t0 = System.nanoTime();
        makeDue.run();
        long stepsAt = 0;
        long outboxAt = 0;
        long limit = t0 + LONGEST_BEAT.toNanos();
        Heart now = before;
        for (int poll = 0; stepsAt == 0 || outboxAt == 0; poll++) {
            if (System.nanoTime() > limit || System.nanoTime() > stopBy) {
                throw new IllegalStateException("the beat did not run " + steps + " steps in " + LONGEST_BEAT + ": "
                        + now + ", outbox " + (single(db, outboxCount) - outboxBefore));
            }
            Api.pause(Duration.ofMillis(50));
            now = heart(app);
            if (stepsAt == 0 && now.stepsRun() - before.stepsRun() >= steps) {
                stepsAt = System.nanoTime();
            }
            if (outboxAt == 0 && poll % 2 == 1 && single(db, outboxCount) - outboxBefore >= steps) {
                outboxAt = System.nanoTime();
            }
        }
        // The busy beat has ended when a later beat was idle.
        long idleBefore = now.idleBeats();
        while (now.idleBeats() == idleBefore) {
            if (System.nanoTime() > limit) {
                throw new IllegalStateException("no idle beat after the busy one: " + now);
            }
            Api.pause(Duration.ofMillis(50));
            now = heart(app);
        }
        Cpu used = cpu().minus(cpuBefore);
        Beat beat = new Beat(
                steps,
                TimeUnit.NANOSECONDS.toMillis(stepsAt - t0),
                TimeUnit.NANOSECONDS.toMillis(outboxAt - t0),
                now.lastBusyMillis(),
                now.lastBusySteps(),
                now.stepsFailed() - before.stepsFailed(),
                used);
        long outboxGrew = single(db, outboxCount) - outboxBefore;
        if (beat.busySteps() != steps || now.stepsRun() - before.stepsRun() != steps || outboxGrew != steps) {
            throw new IllegalStateException("expected one beat of " + steps + " steps and as many letters: " + beat
                    + ", steps run " + (now.stepsRun() - before.stepsRun()) + ", outbox rows " + outboxGrew);
        }
        log("beat of " + steps + ": " + beatText(beat) + " (load " + load() + ")");
        return beat;
    }

    /** Samples idle beats one by one: a beat's lastIdleMicros is taken when the idle count grew by exactly one. */
    private Idle idle(Session app, Duration length) {
        List<Long> values = new ArrayList<>();
        int missed = 0;
        Heart previous = heart(app);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Api.pause(Duration.ofMillis(100));
            Heart now = heart(app);
            long grew = now.idleBeats() - previous.idleBeats();
            if (now.stepsRun() != previous.stepsRun()) {
                throw new IllegalStateException(
                        "steps ran while the schedule should be idle: " + previous + " -> " + now);
            }
            if (grew == 1) {
                values.add(now.lastIdleMicros());
            } else if (grew > 1) {
                missed += (int) grew - 1;
                values.add(now.lastIdleMicros());
            }
            previous = now;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no idle beat in " + length);
        }
        Idle idle = new Idle(
                sorted.length,
                missed,
                sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)],
                sorted[sorted.length - 1]);
        log("idle: " + idle.text() + ", " + missed + " beats not sampled (load " + load() + ")");
        return idle;
    }

    /** Every step of that name (of one campaign, or of all) is done: none skipped, failed or left planned. */
    private static void checkSteps(Connection db, String step, Long campaign, int expected) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT state, COUNT(*) FROM schedule_steps WHERE step = ?"
                + (campaign == null
                        ? ""
                        : " AND owner_kind = 'campaign-case' AND owner_id IN (SELECT id FROM campaign_cases "
                                + "WHERE campaign_id = ?)")
                + " GROUP BY state")) {
            query.setString(1, step);
            if (campaign != null) {
                query.setLong(2, campaign);
            }
            Map<String, Long> states = new TreeMap<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    states.put(result.getString(1), result.getLong(2));
                }
            }
            if (!states.equals(Map.of("DONE", (long) expected))) {
                throw new IllegalStateException(step + ": " + states + ", expected " + expected + " done");
            }
        }
    }

    private static long planned(Connection db) throws SQLException {
        return single(db, "SELECT COUNT(*) FROM schedule_steps WHERE state = 'PLANNED'");
    }

    /** Without the exercise clock: the campaign's steps of that name become due now. */
    private static void dueNow(Connection db, long campaign, String step) {
        try (PreparedStatement update =
                db.prepareStatement("UPDATE schedule_steps SET due_at = UTC_TIMESTAMP(6) - INTERVAL 1 "
                        + "SECOND WHERE owner_kind = 'campaign-case' AND owner_id IN (SELECT id FROM campaign_cases WHERE campaign_id = ?) "
                        + "AND step = ? AND state = 'PLANNED'")) {
            update.setLong(1, campaign);
            update.setString(2, step);
            if (update.executeUpdate() != SITES) {
                throw new IllegalStateException("not " + SITES + " planned steps " + step);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The baseline.

    /**
     * {@code count} transactions of one outbox-like row each (a scratch copy of outbox_messages, a body of the given
     * length), from as many threads as the heartbeat has workers, each with its own connection. Milliseconds.
     */
    private long baselineTransactions(Connection db, String dbUrl, int count, int bodyLength) throws Exception {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS bench_outbox_baseline");
            ddl.execute("CREATE TABLE bench_outbox_baseline LIKE outbox_messages");
        }
        String body = "x".repeat(Math.max(1, bodyLength));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < workers; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                        PreparedStatement insert =
                                connection.prepareStatement("INSERT INTO bench_outbox_baseline (dedup_key, "
                                        + "message_id, kind, ticket_id, tlp, subject, body, state, created_at, version) "
                                        + "VALUES (?, ?, 'sec03-reminder', NULL, 'AMBER', ?, ?, 'QUEUED', ?, 0)")) {
                    connection.setAutoCommit(false);
                    for (int i = thread; i < count; i += workers) {
                        insert.setString(1, "baseline/" + i);
                        insert.setString(2, "<baseline-" + i + "@csirt-desk.local>");
                        insert.setString(3, "Reminder " + i);
                        insert.setString(4, body);
                        insert.setObject(5, LocalDateTime.now(ZoneOffset.UTC));
                        insert.executeUpdate();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        awaitAll(pool, done);
        long millis = millisSince(start);
        log("baseline: " + count + " single-row transactions, " + workers + " threads, body " + bodyLength + " chars: "
                + ms(millis));
        return millis;
    }

    /** Waits for the baseline's threads, five minutes each at most, and stops the pool either way. */
    private static void awaitAll(ExecutorService pool, List<Future<?>> threads) throws Exception {
        try {
            for (Future<?> thread : threads) {
                thread.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The reminders' rows by plain JDBC, one transaction per step from as many threads as the heartbeat has workers,
     * on scratch copies of the tables (the schedule with a reminder due now for each open case, the cases, the
     * tickets, the outbox; empty copies of the recipients, the history and the case events): each transaction claims a
     * step as the heartbeat claims it, locks and reads the case, asks
     * whether a later reminder is due, reads the site's and the NGI's contacts, looks the letter's key up, writes the
     * letter and its recipients, locks the ticket, appends the history row and touches the ticket, writes the case
     * event, counts the reminder on the case and marks the step done: 15 statements and a commit. No letter is
     * rendered; {@code body} stands for it. Milliseconds; checks that every step is done and every letter written.
     */
    private long baselineReminders(Connection db, String dbUrl, int count, String body) throws Exception {
        try (Statement ddl = db.createStatement()) {
            for (String table : List.of("steps", "cases", "tickets", "outbox", "recipients", "history", "events")) {
                ddl.execute("DROP TABLE IF EXISTS bench_" + table);
            }
            ddl.execute("CREATE TABLE bench_steps LIKE schedule_steps");
            ddl.execute(
                    "INSERT INTO bench_steps (id, owner_kind, owner_id, step, due_at, state, done_at, outcome, attempts, version) "
                            + "SELECT id, owner_kind, owner_id, step, due_at, state, done_at, outcome, attempts, version FROM schedule_steps");
            ddl.execute(
                    "INSERT INTO bench_steps (owner_kind, owner_id, step, due_at, state, attempts, version) SELECT 'campaign-case', "
                            + "id, 'r1/reminder-9', UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, 'PLANNED', 0, 0 FROM campaign_cases "
                            + "WHERE state = 'OPEN' ORDER BY id");
            ddl.execute("CREATE TABLE bench_cases LIKE campaign_cases");
            ddl.execute("INSERT INTO bench_cases SELECT * FROM campaign_cases");
            ddl.execute("CREATE TABLE bench_tickets LIKE tickets");
            ddl.execute("INSERT INTO bench_tickets SELECT * FROM tickets");
            ddl.execute("CREATE TABLE bench_outbox LIKE outbox_messages");
            ddl.execute("INSERT INTO bench_outbox SELECT * FROM outbox_messages");
            ddl.execute("CREATE TABLE bench_recipients LIKE outbox_recipients");
            ddl.execute("CREATE TABLE bench_history LIKE ticket_history");
            ddl.execute("CREATE TABLE bench_events LIKE case_events");
        }
        long letters = single(db, "SELECT COUNT(*) FROM bench_outbox");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < workers; t++) {
            done.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    connection.setAutoCommit(false);
                    remindByJdbc(connection, body);
                }
                return null;
            }));
        }
        awaitAll(pool, done);
        long millis = millisSince(start);
        long left = single(db, "SELECT COUNT(*) FROM bench_steps WHERE step = 'r1/reminder-9' AND state <> 'DONE'");
        long written = single(db, "SELECT COUNT(*) FROM bench_outbox") - letters;
        if (left != 0 || written != count) {
            throw new IllegalStateException("JDBC reminders: " + left + " steps left, " + written + " letters written");
        }
        log("JDBC reminders: " + count + " steps, " + workers + " threads: " + ms(millis));
        return millis;
    }

    private static void remindByJdbc(Connection c, String body) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(
                        "SELECT id, owner_id, due_at FROM bench_steps WHERE state = 'PLANNED' "
                                + "AND due_at <= ? AND id NOT IN (0) ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");
                PreparedStatement lockCase =
                        c.prepareStatement("SELECT * FROM bench_cases WHERE id = ? FOR UPDATE SKIP LOCKED");
                PreparedStatement later =
                        c.prepareStatement("SELECT COUNT(*) FROM bench_steps WHERE owner_kind = 'campaign-case' "
                                + "AND owner_id = ? AND step LIKE "
                                + "'r1/reminder-%' AND due_at > ? AND due_at <= ? AND state IN ('PLANNED', 'DONE')");
                PreparedStatement site = c.prepareStatement("SELECT s.csirt_email, s.ngi, c.email, c.role FROM sites s "
                        + "LEFT JOIN site_contacts c ON c.site_id = s.id WHERE s.name = ?");
                PreparedStatement ngi = c.prepareStatement("SELECT n.security_email, o.email FROM ngis n "
                        + "LEFT JOIN ngi_contacts o ON o.ngi_id = n.id WHERE n.name = ?");
                PreparedStatement byKey = c.prepareStatement("SELECT id FROM bench_outbox WHERE dedup_key = ?");
                PreparedStatement letter = c.prepareStatement(
                        "INSERT INTO bench_outbox (dedup_key, message_id, kind, ticket_id, tlp, "
                                + "subject, body, state, created_at, version) VALUES (?, ?, 'sec03-reminder', ?, 'AMBER', ?, ?, 'QUEUED', ?, 0)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement recipients =
                        c.prepareStatement("INSERT INTO bench_recipients (message_id, kind, email) "
                                + "VALUES (?, 'TO', ?), (?, 'TO', ?), (?, 'TO', ?)");
                PreparedStatement lockTicket = c.prepareStatement(
                        "SELECT id, status, version FROM bench_tickets WHERE id IN (?) " + "ORDER BY id FOR UPDATE");
                PreparedStatement history =
                        c.prepareStatement("INSERT INTO bench_history (ticket_id, type, actor, at, content) "
                                + "VALUES (?, 'CORRESPOND', 'csirt-desk', ?, ?)");
                PreparedStatement touch =
                        c.prepareStatement("UPDATE bench_tickets SET updated_at = ?, version = version + 1 "
                                + "WHERE id = ? AND version = ?");
                PreparedStatement event =
                        c.prepareStatement("INSERT INTO bench_events (case_id, kind, actor, at, detail) "
                                + "VALUES (?, 'REMINDED', 'csirt-desk', ?, ?)");
                PreparedStatement counted =
                        c.prepareStatement("UPDATE bench_cases SET reminders = ?, version = version + 1 "
                                + "WHERE id = ? AND version = ?");
                PreparedStatement mark =
                        c.prepareStatement("UPDATE bench_steps SET state = 'DONE', done_at = ?, outcome = ?, "
                                + "version = version + 1 WHERE id = ? AND version = 0")) {
            while (true) {
                LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                claim.setObject(1, now);
                long step;
                long caseId;
                LocalDateTime due;
                try (ResultSet next = claim.executeQuery()) {
                    if (!next.next()) {
                        c.commit();
                        return;
                    }
                    step = next.getLong(1);
                    caseId = next.getLong(2);
                    due = next.getObject(3, LocalDateTime.class);
                }
                long ticket;
                long caseVersion;
                int reminders;
                String siteName;
                lockCase.setLong(1, caseId);
                try (ResultSet row = lockCase.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("case " + caseId + " locked");
                    }
                    ticket = row.getLong("ticket_id");
                    caseVersion = row.getLong("version");
                    reminders = row.getInt("reminders");
                    siteName = row.getString("site");
                }
                later.setLong(1, caseId);
                later.setObject(2, due);
                later.setObject(3, now);
                later.executeQuery().close();
                List<String> to = new ArrayList<>();
                String ngiName = null;
                String security = null;
                site.setString(1, siteName);
                try (ResultSet rows = site.executeQuery()) {
                    while (rows.next()) {
                        security = rows.getString(1);
                        ngiName = rows.getString(2);
                        if ("Site Administrator".equals(rows.getString(4))) {
                            to.add(rows.getString(3));
                        }
                    }
                }
                if (security != null) {
                    to.add(security);
                }
                ngi.setString(1, ngiName);
                try (ResultSet rows = ngi.executeQuery()) {
                    if (rows.next() && rows.getString(1) != null) {
                        to.add(rows.getString(1));
                    }
                }
                while (to.size() < 3) {
                    to.add("abuse@egi.eu");
                }
                String key = "bench/case-" + caseId + "/r1/reminder-9/reminder";
                byKey.setString(1, key);
                byKey.executeQuery().close();
                letter.setString(1, key);
                letter.setString(2, "<" + key + "@csirt-desk.local>");
                letter.setLong(3, ticket);
                letter.setString(4, "Reminder: " + siteName);
                letter.setString(5, body);
                letter.setObject(6, now);
                letter.executeUpdate();
                long message;
                try (ResultSet keys = letter.getGeneratedKeys()) {
                    keys.next();
                    message = keys.getLong(1);
                }
                for (int i = 0; i < 3; i++) {
                    recipients.setLong(2 * i + 1, message);
                    recipients.setString(2 * i + 2, to.get(i));
                }
                recipients.executeUpdate();
                long ticketVersion;
                lockTicket.setLong(1, ticket);
                try (ResultSet row = lockTicket.executeQuery()) {
                    row.next();
                    ticketVersion = row.getLong(3);
                }
                history.setLong(1, ticket);
                history.setObject(2, now);
                history.setString(3, body);
                history.executeUpdate();
                touch.setObject(1, now);
                touch.setLong(2, ticket);
                touch.setLong(3, ticketVersion);
                touch.executeUpdate();
                event.setLong(1, caseId);
                event.setObject(2, now);
                event.setString(3, "reminder " + (reminders + 1));
                event.executeUpdate();
                counted.setInt(1, reminders + 1);
                counted.setLong(2, caseId);
                counted.setLong(3, caseVersion);
                counted.executeUpdate();
                mark.setObject(1, now);
                mark.setString(2, "reminder " + (reminders + 1) + " sent");
                mark.setLong(3, step);
                mark.executeUpdate();
                c.commit();
            }
        }
    }

    private static String reminderBody(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT body FROM outbox_messages WHERE kind = 'sec03-reminder' LIMIT 1")) {
            return result.next() ? result.getString(1) : "x".repeat(650);
        }
    }

    private static int averageBody(Connection db, String kind) throws SQLException {
        try (PreparedStatement query =
                db.prepareStatement("SELECT AVG(LENGTH(body)) FROM outbox_messages WHERE kind = ?")) {
            query.setString(1, kind);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return (int) result.getDouble(1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Copies of a campaign's rows, for the growth part's background.

    /**
     * Copy {@code k} of every row the application wrote for the campaign: its Incident and the cases' tickets with
     * their requestors, cc, custom fields, links and history; the campaign with a vulnerability of its own; cases,
     * steps, events, outbox messages and their recipients. The rows others refer to (tickets, campaign, cases, outbox
     * messages) get ids above every id of their table, shifted by one offset per table so that the references follow;
     * keys and Message-IDs follow the ids as the application derives them; the other rows get theirs from
     * AUTO_INCREMENT. The vulnerability's name is replaced in the texts, and the times still ahead (deadlines, the
     * tickets' due time, planned steps) move {@link #SHIFT_DAYS} days on, so that nothing of the copy comes due during
     * the run. One transaction.
     */
    private static void copyCampaign(Connection db, long campaign, long incident, String cve, int k)
            throws SQLException {
        String copyCve = String.format(Locale.ROOT, "CVE-2099-%05d", k);
        String shift = " + INTERVAL " + SHIFT_DAYS + " DAY";
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            // The campaign's tickets and outbox messages by id, to join on instead of scanning tables that grow.
            statement.executeUpdate("DELETE FROM bench_copy_tickets");
            statement.executeUpdate("INSERT INTO bench_copy_tickets (id) SELECT " + incident
                    + " UNION SELECT ticket_id " + "FROM campaign_cases WHERE campaign_id = " + campaign);
            statement.executeUpdate("DELETE FROM bench_copy_outbox");
            statement.executeUpdate("INSERT INTO bench_copy_outbox (id) SELECT m.id FROM outbox_messages m "
                    + "JOIN bench_copy_tickets t ON t.id = m.ticket_id");
            long tickets = single(db, "SELECT MAX(id) FROM tickets")
                    + 1
                    - single(db, "SELECT MIN(id) FROM bench_copy_tickets");
            long campaigns = single(db, "SELECT MAX(id) FROM campaigns") + 1 - campaign;
            long cases = single(db, "SELECT MAX(id) FROM campaign_cases")
                    + 1
                    - single(db, "SELECT MIN(id) FROM campaign_cases WHERE campaign_id = " + campaign);
            long outbox = single(db, "SELECT MAX(id) FROM outbox_messages")
                    + 1
                    - single(db, "SELECT MIN(id) FROM bench_copy_outbox");
            String campaignKey = "sec03/campaign-" + campaign + "/";
            String[] statements = {
                "INSERT INTO tickets (id, queue, subject, status, owner, due_at, tlp, site, created_at, updated_at, version) "
                        + "SELECT x.id + " + tickets + ", queue, REPLACE(subject, '" + cve + "', '" + copyCve
                        + "'), status, "
                        + "owner, due_at" + shift + ", tlp, site, created_at, updated_at, version FROM tickets x "
                        + "JOIN bench_copy_tickets t ON t.id = x.id ORDER BY x.id",
                "INSERT INTO ticket_requestors (ticket_id, email) SELECT ticket_id + " + tickets + ", email "
                        + "FROM ticket_requestors x JOIN bench_copy_tickets t ON t.id = x.ticket_id",
                "INSERT INTO ticket_cc (ticket_id, email) SELECT ticket_id + " + tickets + ", email "
                        + "FROM ticket_cc x JOIN bench_copy_tickets t ON t.id = x.ticket_id",
                "INSERT INTO ticket_custom_values (ticket_id, name, value) SELECT ticket_id + " + tickets + ", name, "
                        + "REPLACE(value, '" + cve + "', '" + copyCve + "') FROM ticket_custom_values x "
                        + "JOIN bench_copy_tickets t ON t.id = x.ticket_id",
                "INSERT INTO ticket_links (child_id, incident_id, created_at) SELECT child_id + " + tickets
                        + ", incident_id + " + tickets + ", created_at FROM ticket_links WHERE incident_id = "
                        + incident,
                "INSERT INTO ticket_history (ticket_id, type, actor, at, field, old_value, new_value, content) "
                        + "SELECT ticket_id + " + tickets + ", type, actor, at, field, "
                        + linkValue("old_value", tickets) + ", "
                        + linkValue("new_value", tickets) + ", REPLACE(content, '" + cve + "', '" + copyCve + "') "
                        + "FROM ticket_history x JOIN bench_copy_tickets t ON t.id = x.ticket_id ORDER BY x.id",
                "INSERT INTO vulnerabilities (id, first_seen_at, report_ticket_id) SELECT '" + copyCve
                        + "', first_seen_at, " + "NULL FROM vulnerabilities WHERE id = '" + cve + "'",
                "INSERT INTO campaigns (id, incident_ticket_id, title, advisory_text, advisory_link, recommended_action, "
                        + "severe_interruption, omb_authorised_by, omb_authorised_at, omb_authorisation, scope, tlp, state, "
                        + "chosen_deadline, heads_up_at, advisory_at, deadline_at, tickets_at, all_acted_at, created_at, "
                        + "created_by, version) SELECT id + " + campaigns + ", incident_ticket_id + " + tickets + ", "
                        + "REPLACE(title, '" + cve + "', '" + copyCve + "'), REPLACE(advisory_text, '" + cve + "', '"
                        + copyCve
                        + "'), REPLACE(advisory_link, '" + cve + "', '" + copyCve + "'), recommended_action, "
                        + "severe_interruption, omb_authorised_by, omb_authorised_at, omb_authorisation, scope, tlp, state, "
                        + "chosen_deadline" + shift + ", heads_up_at, advisory_at, deadline_at" + shift
                        + ", tickets_at, "
                        + "all_acted_at, created_at, created_by, version FROM campaigns WHERE id = " + campaign,
                "INSERT INTO campaign_vulnerabilities (campaign_id, vulnerability) VALUES (" + (campaign + campaigns)
                        + ", '" + copyCve + "')",
                "INSERT INTO campaign_cases (id, campaign_id, site, state, path, round_no, deadline_round, ticket_id, "
                        + "deadline_at, ticket_due_at, hosts, seen_vulnerable_at, vulnerable, initial_notice_at, reminders, "
                        + "final_warning_at, site_statement, site_plan, responded_at, awaiting_csirt, recommends_suspension, "
                        + "recommendation, vetoed_by, veto, resolution, resolution_note, resolved_at, opened_at, version) "
                        + "SELECT id + " + cases + ", campaign_id + " + campaigns + ", site, state, path, round_no, "
                        + "deadline_round, ticket_id + " + tickets + ", deadline_at" + shift
                        + ", ticket_due_at, hosts, "
                        + "seen_vulnerable_at, vulnerable, initial_notice_at, reminders, final_warning_at, site_statement, "
                        + "site_plan, responded_at, awaiting_csirt, recommends_suspension, recommendation, vetoed_by, veto, "
                        + "resolution, resolution_note, resolved_at, opened_at, version FROM campaign_cases "
                        + "WHERE campaign_id = " + campaign + " ORDER BY id",
                "INSERT INTO schedule_steps (owner_kind, owner_id, step, due_at, state, done_at, outcome, attempts, version) "
                        + "SELECT s.owner_kind, s.owner_id + IF(s.owner_kind = 'campaign', " + campaigns + ", " + cases
                        + "), s.step, "
                        + "CASE WHEN s.state = 'PLANNED' THEN s.due_at" + shift
                        + " ELSE s.due_at END, s.state, s.done_at, "
                        + "CASE WHEN s.outcome LIKE 'ticket #% opened%' THEN CONCAT('ticket #', c.ticket_id + "
                        + tickets
                        + ", SUBSTRING(s.outcome, LOCATE(' opened', s.outcome))) ELSE s.outcome END, s.attempts, s.version "
                        + "FROM schedule_steps s LEFT JOIN campaign_cases c ON s.owner_kind = 'campaign-case' AND c.id = s.owner_id "
                        + "AND c.campaign_id = " + campaign + " WHERE s.owner_kind = 'campaign' AND s.owner_id = "
                        + campaign
                        + " OR c.id IS NOT NULL ORDER BY s.id",
                "INSERT INTO case_events (case_id, kind, actor, at, detail) SELECT e.case_id + " + cases + ", e.kind, "
                        + "e.actor, e.at, CASE WHEN e.kind = 'TICKET_OPENED' THEN CONCAT('ticket #', c.ticket_id + "
                        + tickets
                        + ", SUBSTRING(e.detail, LOCATE(' to ', e.detail))) ELSE e.detail END FROM case_events e "
                        + "JOIN campaign_cases c ON c.id = e.case_id WHERE c.campaign_id = " + campaign
                        + " ORDER BY e.id",
                "INSERT INTO outbox_messages (id, dedup_key, message_id, kind, ticket_id, tlp, subject, body, state, "
                        + "created_at, version) SELECT id + " + outbox
                        + ", copy_key, CONCAT('<', LEFT(SHA2(copy_key, 256), 32), "
                        + "'@csirt-desk.local>'), kind, ticket_id + " + tickets + ", tlp, REPLACE(subject, '" + cve
                        + "', '"
                        + copyCve + "'), REPLACE(body, '" + cve + "', '" + copyCve + "'), state, created_at, version "
                        + "FROM (SELECT m.*, CASE WHEN dedup_key LIKE '" + campaignKey
                        + "%' THEN CONCAT('sec03/campaign-', "
                        + (campaign + campaigns) + ", '/', SUBSTRING(dedup_key, " + (campaignKey.length() + 1) + ")) "
                        + "WHEN dedup_key LIKE 'sec03/case-%' THEN CONCAT('sec03/case-', "
                        + "CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(dedup_key, '/', 2), '-', -1) AS UNSIGNED) + " + cases
                        + ", "
                        + "SUBSTRING(dedup_key, LENGTH(SUBSTRING_INDEX(dedup_key, '/', 2)) + 1)) END AS copy_key "
                        + "FROM outbox_messages m JOIN bench_copy_outbox o ON o.id = m.id) x ORDER BY id",
                "INSERT INTO outbox_recipients (message_id, kind, email) SELECT message_id + " + outbox
                        + ", kind, email " + "FROM outbox_recipients r JOIN bench_copy_outbox o ON o.id = r.message_id",
            };
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    /**
     * The copies hang together as the application's rows do: each case's ticket is an Investigation of its site
     * linked to its campaign's Incident, every Message-ID is derived from its key, and the application reads a copied
     * campaign with its 1,000 open cases.
     */
    private static void checkCopies(Session app, Connection db) throws SQLException {
        long cases = single(db, "SELECT COUNT(*) FROM campaign_cases");
        long linked = single(
                db,
                "SELECT COUNT(*) FROM campaign_cases c JOIN campaigns p ON p.id = c.campaign_id "
                        + "JOIN tickets t ON t.id = c.ticket_id AND t.site = c.site AND t.queue = 'INVESTIGATIONS' "
                        + "JOIN ticket_links l ON l.child_id = t.id AND l.incident_id = p.incident_ticket_id");
        long wrongIds = single(
                db,
                "SELECT COUNT(*) FROM outbox_messages WHERE message_id <> "
                        + "CONCAT('<', LEFT(SHA2(dedup_key, 256), 32), '@csirt-desk.local>')");
        long last = single(db, "SELECT MAX(id) FROM campaigns");
        JsonObject view = app.csirt().get("api/campaigns/" + last).json();
        if (linked != cases || wrongIds != 0 || view.getJsonObject("cases").getInt("open", 0) != SITES) {
            throw new IllegalStateException(
                    "the copies do not hang together: " + linked + " of " + cases + " cases with "
                            + "their ticket and link, " + wrongIds
                            + " Message-IDs not derived from their key, campaign #" + last
                            + " reads " + view);
        }
    }

    /** A link's "#123" in the history names a ticket: the copy names the copied one. */
    private static String linkValue(String column, long off) {
        return "CASE WHEN field IN ('incident', 'child') AND " + column + " LIKE '#%' THEN CONCAT('#', CAST(SUBSTRING("
                + column + ", 2) AS UNSIGNED) + " + off + ") ELSE " + column + " END";
    }

    /** The copies derive Message-IDs as the application does; checked on the application's own rows first. */
    private static void checkMessageIds(Connection db, long campaign, long incident) throws SQLException {
        long wrong = single(
                db,
                "SELECT COUNT(*) FROM outbox_messages WHERE (ticket_id = " + incident + " OR ticket_id IN "
                        + "(SELECT ticket_id FROM campaign_cases WHERE campaign_id = " + campaign
                        + ")) AND message_id <> "
                        + "CONCAT('<', LEFT(SHA2(dedup_key, 256), 32), '@csirt-desk.local>')");
        if (wrong != 0) {
            throw new IllegalStateException(wrong + " Message-IDs are not derived as the copies derive them");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small things.

    /**
     * A Wednesday 10:00 in the CSIRT's zone, at or after {@code from}, with no public holiday in the 9 days from it and
     * no daylight-saving change within: its deadline a week later stays a Wednesday and its tickets open on the Friday
     * before, leaving three daily reminders.
     */
    static ZonedDateTime quietWednesday(ZonedDateTime from) {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create("nl"));
        Predicate<LocalDate> holiday = day -> holidays.isHoliday(day, HolidayType.PUBLIC_HOLIDAY);
        LocalDate day = from.toLocalDate();
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY
                || day.minusDays(9).datesUntil(day.plusDays(9)).anyMatch(holiday)
                || !CSIRT_ZONE
                        .getRules()
                        .getOffset(day.minusDays(9).atStartOfDay())
                        .equals(CSIRT_ZONE.getRules().getOffset(day.plusDays(9).atStartOfDay()))
                || day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE).isBefore(from)) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void expect(Api.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer);
        }
    }

    private static String beatText(Beat beat) {
        return String.format(
                Locale.ROOT,
                "%s (the beat's own time; end to end from the move: steps run %s, outbox rows %s; " + "%d failed; %s)",
                ms(beat.busyMillis()),
                ms(beat.stepsMillis()),
                ms(beat.outboxMillis()),
                beat.failed(),
                beat.cpu().text(beat.steps()));
    }

    private void row(String measure, String result, String baseline, String target) {
        String line = "| " + measure + " | **" + result + "** | " + baseline + " | " + target + " |";
        rows.add(line);
        log(line);
    }

    private static void log(String line) {
        System.err.println("[" + LocalTime.now().withNano(0) + "] " + line);
    }

    /** The CPU time used so far by the application's JVM, by MariaDB, and by all processes (from /proc/stat). */
    private Cpu cpu() {
        long machine;
        try {
            String[] jiffies =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: all but idle and iowait, in USER_HZ (100 a second)
            machine = 10
                    * (Long.parseLong(jiffies[1])
                            + Long.parseLong(jiffies[2])
                            + Long.parseLong(jiffies[3])
                            + Long.parseLong(jiffies[6])
                            + Long.parseLong(jiffies[7])
                            + Long.parseLong(jiffies[8]));
        } catch (Exception e) {
            machine = 0;
        }
        return new Cpu(
                cpuOf(c -> c.contains("payara-micro") && c.contains("--port " + port)),
                cpuOf(c -> c.strip().endsWith("/mariadbd") || c.strip().endsWith("/mysqld")),
                machine);
    }

    private static long cpuOf(Predicate<String> command) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .or(() -> process.info().command())
                        .map(command::test)
                        .orElse(false))
                .findFirst()
                .flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElse(0L);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String ms(long millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000.0) : millis + " ms";
    }

    private static String micros(long micros) {
        return micros >= 1000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000.0) : micros + " µs";
    }
}
