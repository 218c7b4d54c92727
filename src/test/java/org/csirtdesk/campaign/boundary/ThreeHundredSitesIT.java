package org.csirtdesk.campaign.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A whole campaign of 300 sites, run by two instances of the application on one database, driven by the exercise
 * clock, with both instances stopped in the middle while the clock passes over two reminder days.
 *
 * <p>The application runs as its users start it, {@code payara/run --no-build}, twice, against a GOCDB imitation
 * of 300 sites (5 contacts, two of them administrators, and a host each) that takes status changes through its
 * portal form. Pakiti finds every site vulnerable; the campaign is drafted and started; then, day by day:
 * <ul>
 *   <li>sites 1-100 are clear before the tickets (no ticket), 101-200 after the first reminder, 201-250 after the
 *   restart's reminder: each resolved as patched;</li>
 *   <li>251-260 reply and CSIRT accepts their explanations (two of them answered first);</li>
 *   <li>261-270 get an extension of a day, then clear after their new deadline;</li>
 *   <li>271 is recommended for suspension and the OMB vetoes it; it clears after the deadline;</li>
 *   <li>272-276 are recommended for suspension, confirmed by the coordinator at the deadline, and are suspended
 *   once GOCDB reads Suspended back;</li>
 *   <li>277-300 never act.</li>
 * </ul>
 * At the end every letter in the outbox is compared with the set worked out here from GOCDB's contacts and the
 * configured lists: (cause, letter, ticket, To, Cc), nothing missing, nothing extra, nothing twice. The steps share
 * the campaign and run in order, as time does.
 */
class ThreeHundredSitesIT {

    static final int SITES = 300;
    static final String CVE = "CVE-2026-53000";
    static final ZoneId CSIRT_ZONE = ZoneId.of("Europe/Amsterdam");
    static final String NOC = "noc-managers@mailman.egi.eu";
    static final String COO = "coo@egi.eu";
    static final Set<String> SECURITY_LISTS =
            Set.of("site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu");
    static final String PAKITI_TOKEN = "pakiti-token-of-the-three-hundred-sites-it-0123456789";
    static final String ADMIN = "it-admin";
    static final String PASSWORD = "a password of the three hundred sites IT";
    static final DateTimeFormatter PAKITI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    static final Duration STEPS_WITHIN = Duration.ofSeconds(120);

    // Who does what, by site number.
    static final IntPredicate CLEAR_BEFORE_TICKETS = n -> n <= 100;
    static final IntPredicate CLEAR_AFTER_FIRST_REMINDER = n -> n > 100 && n <= 200;
    static final IntPredicate CLEAR_AFTER_RESTART = n -> n > 200 && n <= 250;
    static final IntPredicate ACCEPTED = n -> n > 250 && n <= 260;
    static final IntPredicate ANSWERED = n -> n == 251 || n == 252;
    static final IntPredicate EXTENDED = n -> n > 260 && n <= 270;
    static final IntPredicate VETOED = n -> n == 271;
    static final IntPredicate SUSPENDED = n -> n > 271 && n <= 276;
    static final IntPredicate SILENT = n -> n > 276;
    /** Incident reports triaged at one moment, alternately on the two instances (SEC01-tag). */
    static final int TRIAGED_AT_ONCE = 16;

    private GocdbServer gocdb;
    private DataSource database;
    private String databaseUrl;
    private Path root;
    /** The two instances; the same two ports after the restart. */
    private final ApplicationProcess[] instances = new ApplicationProcess[2];

    private final int[] ports = new int[2];
    /** Steps run and failed by each instance's heartbeat, summed over both of its lives. */
    private final long[] stepsRun = new long[2];

    private final long[] stepsFailed = new long[2];
    private final List<String> figures = new ArrayList<>();

    private long campaign;
    private long incident;
    private ZonedDateTime advisoryAt;
    private Instant deadline;
    private Instant extendedDeadline;
    /** Case id and ticket id by site number. */
    private final Map<Integer, Long> cases = new TreeMap<>();

    private final Map<Integer, Long> tickets = new TreeMap<>();
    /** Suspension id and its Countermeasure by site number. */
    private final Map<Integer, Long> countermeasures = new TreeMap<>();

    private final Map<Integer, Long> suspensions = new TreeMap<>();
    /** The open cases whose reminders the restart passed over. */
    private final Set<Integer> openAtRestart = new TreeSet<>();

    @BeforeEach
    void start() throws Exception {
        database = TestDatabase.fresh("three_hundred");
        databaseUrl = TestDatabase.url(TestDatabase.scratch("three_hundred"));
        gocdb = GocdbServer.generated(SITES, 5, 1);
        root = Path.of("").toAbsolutePath();
        ports[0] = ApplicationProcess.freePort();
        ports[1] = ApplicationProcess.freePort();
        long started = System.nanoTime();
        startBoth(1);
        figures.add("first start of both instances: " + millisSince(started) + " ms");
        Api admin = api(0).as(ADMIN, PASSWORD);
        TestUsers.withRoles(admin, api(0), TestUsers.EVERY_ROLE, TestUsers.ROLES);
        instances[0].awaitFirstRefresh(api(0));
        assertThat(TestUsers.namedAfterRoles(
                        admin, PASSWORD, List.of("csirt", "coordinator", "omb"), role -> role + "-user"))
                .allSatisfy(added -> assertThat(added.status()).as(added.body()).isEqualTo(201));
    }

    @AfterEach
    void stop() throws SQLException {
        stopBoth();
        if (gocdb != null) {
            gocdb.close();
        }
        TestDatabase.drop("three_hundred");
        figures.forEach(figure -> System.out.println("ThreeHundredSitesIT: " + figure));
    }

    @TestFactory
    @DisplayName(
            "SEC03 at scale: one campaign of 300 sites on two instances of one database, restarted midway, step by step")
    Stream<DynamicTest> threeHundredSitesOnTwoInstances() {
        return new Scenario()
                .step(
                        "SEC03-2.2, SEC03-2.3a, SEC03-6.1: 300 sites found vulnerable; the campaign drafted on one instance, started on the other; sites clear before the tickets resolve without one",
                        this::theCampaignStartsWithThreeHundredCases)
                .step(
                        "SEC03-2.4, SEC03-2.7, SEC03-7, SEC03-4.4: Friday: tickets for the 200 sites still vulnerable; replies answered and accepted; a veto; recommendations",
                        this::ticketsOpenAndDecisionsAreRecorded)
                .step(
                        "SEC03-2.5, SEC03-4.3: Saturday: the first reminder; sites clear are thanked; ten deadlines extended by a day",
                        this::theFirstReminderAnExtensionAndClearSites)
                .step(
                        "SEC03-2.5: both instances down across Sunday and Monday; started again, each open case gets Monday's reminder once and Sunday's is skipped",
                        this::aRestartSendsTheMissedReminderOnce)
                .step(
                        "SEC03-2.6, SEC03-4.1, SEC03-4.1.1, SEC03-6.2: Tuesday: final warnings to the 30 sites at the deadline, the list and the OMB summary; the extended sites' fourth reminder",
                        this::theEscalation)
                .step(
                        "SEC03-4.4, SEC03-4.5, SEC03-4.2, SEC03-6.4: Wednesday: the deadline; the veto holds; the coordinator confirms five suspensions, active once GOCDB reads Suspended back",
                        this::theCoordinatorSuspendsFiveSites)
                .step(
                        "SEC03-4.3, SEC03-7: Thursday: the extended deadline passes; the extended and the vetoed sites clear and are thanked",
                        this::theExtendedDeadlinePasses)
                .step(
                        "SEC03-2.3a, SEC03-2.4, SEC03-2.5, SEC03-2.6, SEC03-4.1.1, SEC03-4.1.2, SEC03-4.2, SEC03-4.3, SEC03-6.2, SEC03-6.4, SEC03-7: every letter to every recipient, exactly once",
                        this::everyLetterToEveryRecipientExactlyOnce)
                .step(
                        "Two instances on one database: every step done once, no outbox key twice, no ticket history entry twice, no step failed, both did some of the work",
                        this::twoInstancesDidEverythingOnce)
                .step(
                        "SEC01-tag: " + TRIAGED_AT_ONCE
                                + " reports triaged into new incidents at the same moment, half on each instance, get distinct consecutive tags",
                        this::tagsAreUniqueAcrossTheTwoInstances)
                .steps();
    }

    private void theCampaignStartsWithThreeHundredCases() throws Exception {
        advisoryAt = quietWednesday();
        moveTo(0, advisoryAt.toInstant());
        StringBuilder rows = new StringBuilder();
        String seen = PAKITI_TIME.format(
                advisoryAt.toInstant().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        IntStream.rangeClosed(1, SITES).forEach(n -> rows.append("EGI-Critical,")
                .append(CVE)
                .append(',')
                .append(site(n))
                .append(',')
                .append(host(n))
                .append(",\"AlmaLinux 9.3\",x86_64,\"")
                .append(seen)
                .append("\"\n"));
        JsonObject snapshot = pakiti(0, rows.toString(), "");
        assertThat(snapshot.getInt("sitesVulnerable")).as(snapshot.toString()).isEqualTo(SITES);

        Answer created = csirt(0).post(
                        "api/campaigns",
                        "{\"title\": \"Local root in the kernel\", \"vulnerabilities\": [\""
                                + CVE
                                + "\"], \"advisory\": \"Advisory EGI-SVG-2026-53000: a local user becomes root.\", "
                                + "\"advisoryLink\": \"https://advisories.egi.eu/53000\", \"recommendedAction\": \"Update the kernel and "
                                + "reboot.\", \"scope\": \"widespread\", \"tlp\": \"AMBER\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        campaign = created.json().getJsonNumber("id").longValue();
        incident = created.json().getJsonNumber("incident").longValue();
        assertThat(created.json().getJsonObject("cases").getInt("pending")).isEqualTo(SITES);
        Answer started = csirt(1).post("api/campaigns/" + campaign + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        advisoryAt = Instant.parse(started.json().getString("advisoryAt")).atZone(CSIRT_ZONE);
        deadline = Instant.parse(started.json().getString("deadline"));
        assertThat(deadline).isCloseTo(advisoryAt.plusDays(7).toInstant(), within(1, ChronoUnit.SECONDS));
        readCases();

        clear(1, CLEAR_BEFORE_TICKETS);
        assertThat(casesIn("RESOLVED")).isEqualTo(sites(CLEAR_BEFORE_TICKETS));
    }

    private void ticketsOpenAndDecisionsAreRecorded() throws Exception {
        moveTo(1, advisoryAt.plusDays(2).plusMinutes(2).toInstant());
        readCases();
        assertThat(tickets.keySet()).isEqualTo(sites(n -> !CLEAR_BEFORE_TICKETS.test(n)));

        for (int n : sites(ACCEPTED)) {
            int on = n % 2;
            Answer responded = csirt(on)
                    .post(
                            "api/cases/" + cases.get(n) + "/site-response",
                            "{\"statement\": \"" + site(n)
                                    + " rebuilt its worker node from a patched image.\", \"plan\": \"Nothing further.\"}");
            assertThat(responded.status()).as(responded.body()).isEqualTo(200);
            assertThat(responded.json().getBoolean("awaitingCsirt")).isTrue();
            if (ANSWERED.test(n)) {
                Answer answered = csirt(1 - on)
                        .post(
                                "api/cases/" + cases.get(n) + "/answer",
                                "{\"content\": \"Thanks - which image did you use?\"}");
                assertThat(answered.status()).as(answered.body()).isEqualTo(200);
                assertThat(answered.json().getBoolean("awaitingCsirt")).isFalse();
            }
            Answer accepted = csirt(1 - on)
                    .post(
                            "api/cases/" + cases.get(n) + "/acceptance",
                            "{\"reason\": \"own_rebuild\", \"explanation\": \"Rebuilt from the patched image; Pakiti will follow.\"}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        }
        for (int n : sites(n -> VETOED.test(n) || SUSPENDED.test(n))) {
            Answer recommended = csirt(n % 2)
                    .post(
                            "api/cases/" + cases.get(n) + "/recommendation",
                            "{\"suspend\": true, \"reason\": \"no response to the ticket\"}");
            assertThat(recommended.status()).as(recommended.body()).isEqualTo(200);
        }
        Answer vetoed = omb(1).post(
                        "api/cases/" + cases.get(271) + "/veto",
                        "{\"by\": \"omb\", \"reason\": \"Majority of the "
                                + "OMB: the site runs a critical service this week\"}");
        assertThat(vetoed.status()).as(vetoed.body()).isEqualTo(200);
        assertThat(casesIn("RESOLVED")).isEqualTo(sites(n -> CLEAR_BEFORE_TICKETS.test(n) || ACCEPTED.test(n)));
    }

    private void theFirstReminderAnExtensionAndClearSites() throws Exception {
        moveTo(0, advisoryAt.plusDays(3).plusMinutes(2).toInstant());
        clear(0, CLEAR_AFTER_FIRST_REMINDER);
        extendedDeadline = deadline.plus(Duration.ofDays(1));
        for (int n : sites(EXTENDED)) {
            Answer extended = csirt(n % 2)
                    .post(
                            "api/cases/" + cases.get(n) + "/extension",
                            "{\"deadline\": \""
                                    + extendedDeadline
                                    + "\", \"requestedBy\": \"csirt\", \"reason\": \"a kernel for the site's hardware "
                                    + "is due on Wednesday\"}");
            assertThat(extended.status()).as(extended.body()).isEqualTo(200);
            assertThat(extended.json().getInt("deadlineRound")).isEqualTo(2);
        }
        assertThat(casesIn("RESOLVED")).isEqualTo(sites(n -> n <= 260 && !CLEAR_AFTER_RESTART.test(n)));
    }

    private void aRestartSendsTheMissedReminderOnce() throws Exception {
        openAtRestart.addAll(casesIn("OPEN"));
        assertThat(openAtRestart).isEqualTo(sites(n -> CLEAR_AFTER_RESTART.test(n) || n > 260));
        collectHeartbeats(1);
        long stopped = System.nanoTime();
        stopBoth();
        figures.add("both instances stopped in " + millisSince(stopped) + " ms");
        // The exercise clock lives in the database (V6): while both are down, it moves as POST /api/exercise/clock
        // would move it; each instance takes it up at its start.
        Instant monday = advisoryAt.plusDays(5).plusMinutes(2).toInstant();
        try (Connection db = database.getConnection();
                PreparedStatement move =
                        db.prepareStatement("UPDATE exercise_clock SET offset_micros = ?, moved_at = ?, "
                                + "moved_by = 'ThreeHundredSitesIT', version = version + 1 WHERE id = 1")) {
            move.setLong(1, ChronoUnit.MICROS.between(Instant.now(), monday));
            move.setTimestamp(2, utc(monday));
            assertThat(move.executeUpdate()).isEqualTo(1);
        }
        long started = System.nanoTime();
        startBoth(2);
        figures.add("second start of both instances: " + millisSince(started) + " ms");
        awaitSteps(monday);

        Map<String, Map<Integer, String>> states = stepStates("r1/reminder-2", "r1/reminder-3");
        assertThat(states.get("r1/reminder-2"))
                .as("Sunday's reminders")
                .containsOnlyKeys(openAtRestart)
                .allSatisfy((n, state) -> assertThat(state).isEqualTo("SKIPPED"));
        assertThat(states.get("r1/reminder-3"))
                .as("Monday's reminders")
                .containsOnlyKeys(openAtRestart)
                .allSatisfy((n, state) -> assertThat(state).isEqualTo("DONE"));
        assertThat(reminders())
                .as("reminders counted per case")
                .containsOnlyKeys(openAtRestart)
                .allSatisfy((n, count) -> assertThat(count).isEqualTo(2));
        assertThat(outboxKeys("%/r1/reminder-2/%")).isEmpty();
        assertThat(outboxKeys("%/r1/reminder-3/%")).hasSize(openAtRestart.size());

        clear(1, CLEAR_AFTER_RESTART);
    }

    private void theEscalation() throws Exception {
        moveTo(1, advisoryAt.plusDays(6).plusMinutes(2).toInstant());
        assertThat(stepStates("r1/d1/final-warning").get("r1/d1/final-warning"))
                .containsOnlyKeys(sites(n -> n > 270))
                .allSatisfy((n, state) -> assertThat(state).isEqualTo("DONE"));
        assertThat(stepStates("r1/reminder-4").get("r1/reminder-4"))
                .containsOnlyKeys(sites(EXTENDED))
                .allSatisfy((n, state) -> assertThat(state).isEqualTo("DONE"));
    }

    private void theCoordinatorSuspendsFiveSites() throws Exception {
        moveTo(0, advisoryAt.plusDays(7).plusMinutes(2).toInstant());
        assertThat(casesIn("AWAITING_CONFIRMATION")).isEqualTo(sites(SUSPENDED));
        assertThat(api(0).get("api/cases/" + cases.get(271)).json().getString("state"))
                .isEqualTo("open");
        assertThat(coordinator(1)
                        .post("api/cases/" + cases.get(271) + "/suspension", "{\"reason\": \"no response\"}")
                        .status())
                .isEqualTo(409);
        for (int n : sites(SUSPENDED)) {
            Answer confirmed = coordinator(n % 2)
                    .post(
                            "api/cases/" + cases.get(n) + "/suspension",
                            "{\"reason\": \"No response to the ticket, the reminders or the final warning.\"}");
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            suspensions.put(n, confirmed.json().getJsonNumber("id").longValue());
            countermeasures.put(
                    n, confirmed.json().getJsonNumber("countermeasure").longValue());
        }
        for (int n : sites(SUSPENDED)) {
            JsonObject active = api(1 - n % 2)
                    .await(
                            "api/suspensions/" + suspensions.get(n),
                            s -> s.getString("state").equals("active"),
                            Duration.ofSeconds(60));
            assertThat(active.getBoolean("inForce")).isTrue();
            assertThat(gocdb.status(site(n))).isEqualTo("Suspended");
        }
        assertThat(api(0).get("api/suspensions").array()).hasSize(5);
    }

    private void theExtendedDeadlinePasses() throws Exception {
        moveTo(1, extendedDeadline.plus(Duration.ofMinutes(2)));
        assertThat(stepStates("r1/d2/deadline").get("r1/d2/deadline"))
                .containsOnlyKeys(sites(EXTENDED))
                .allSatisfy((n, state) -> assertThat(state).isEqualTo("DONE"));
        clear(0, n -> EXTENDED.test(n) || VETOED.test(n));
        assertThat(casesIn("OPEN")).isEqualTo(sites(SILENT));
        assertThat(casesIn("SUSPENDED")).isEqualTo(sites(SUSPENDED));
        collectHeartbeats(2);
    }

    private void everyLetterToEveryRecipientExactlyOnce() throws Exception {
        List<Letter> expected = expectedLetters();
        List<Letter> actual = outbox();
        figures.add(actual.size() + " letters in the outbox, " + expected.size() + " expected");
        Set<Letter> expectedSet = new HashSet<>(expected);
        Set<Letter> actualSet = new HashSet<>(actual);
        assertThat(expectedSet).as("the expected letters are all different").hasSameSizeAs(expected);
        assertThat(actual.stream()
                        .filter(letter -> !expectedSet.contains(letter))
                        .limit(20)
                        .toList())
                .as("letters not expected")
                .isEmpty();
        assertThat(expected.stream()
                        .filter(letter -> !actualSet.contains(letter))
                        .limit(20)
                        .toList())
                .as("letters missing")
                .isEmpty();
        assertThat(actual).as("every letter once").hasSameSizeAs(actualSet);
    }

    private void twoInstancesDidEverythingOnce() throws Exception {
        try (Connection db = database.getConnection()) {
            assertThat(rows(
                            db,
                            "SELECT CONCAT(owner_kind, '/', owner_id, '/', step, ' x', COUNT(*)) FROM "
                                    + "schedule_steps GROUP BY owner_kind, owner_id, step HAVING COUNT(*) > 1"))
                    .as("steps planned twice")
                    .isEmpty();
            assertThat(rows(
                            db,
                            "SELECT CONCAT(id, ' ', step, ' ', state, ' attempts ', attempts) FROM schedule_steps "
                                    + "WHERE attempts > 0"))
                    .as("steps that failed")
                    .isEmpty();
            assertThat(rows(
                                    db,
                                    "SELECT CONCAT(id, ' ', step, ' ', state, ' ', outcome) FROM schedule_steps WHERE state = 'SKIPPED'")
                            .size())
                    .as("steps skipped: Sunday's reminders only")
                    .isEqualTo(openAtRestart.size());
            assertThat(rows(
                            db,
                            "SELECT CONCAT(id, ' ', step) FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= '"
                                    + utc(extendedDeadline) + "'"))
                    .as("steps due and not run")
                    .isEmpty();
            assertThat(
                            rows(
                                    db,
                                    "SELECT CONCAT(dedup_key, ' x', COUNT(*)) FROM outbox_messages GROUP BY dedup_key HAVING COUNT(*) > 1"))
                    .as("outbox keys twice")
                    .isEmpty();
            // A letter's body is in its ticket's history once for each time it went out (a site's reminders read
            // alike); every other entry (status, link, comment) is there once.
            assertThat(
                            rows(
                                    db,
                                    "SELECT CONCAT('ticket #', ticket_id, ' ', type, ' ', COALESCE(field, ''), ' ', "
                                            + "COALESCE(new_value, ''), ' x', COUNT(*)) FROM ticket_history WHERE type NOT IN ('CREATE', 'CORRESPOND') "
                                            + "GROUP BY ticket_id, type, field, old_value, new_value, MD5(COALESCE(content, '')) HAVING COUNT(*) > 1"))
                    .as("history entries twice")
                    .isEmpty();
            assertThat(
                            rows(
                                    db,
                                    "SELECT CONCAT('ticket #', h.ticket_id, ': ', h.n, ' letters in its history, ', "
                                            + "COALESCE(o.n, 0), ' in the outbox') FROM (SELECT ticket_id, MD5(content) AS body, COUNT(*) AS n "
                                            + "FROM ticket_history WHERE type = 'CORRESPOND' GROUP BY ticket_id, MD5(content)) h LEFT JOIN "
                                            + "(SELECT ticket_id, MD5(body) AS body, COUNT(*) AS n FROM outbox_messages GROUP BY ticket_id, MD5(body)) o "
                                            + "ON o.ticket_id = h.ticket_id AND o.body = h.body WHERE o.n IS NULL OR o.n <> h.n"))
                    .as("letters in a ticket's history other than in the outbox")
                    .isEmpty();
            assertThat(rows(
                            db,
                            "SELECT CONCAT('case #', case_id, ' ', kind, ' x', COUNT(*)) FROM case_events "
                                    + "GROUP BY case_id, kind, detail HAVING COUNT(*) > 1"))
                    .as("case events twice")
                    .isEmpty();
        }
        figures.add("steps run by instance A: " + stepsRun[0] + ", by instance B: " + stepsRun[1] + "; failed: "
                + stepsFailed[0] + ", " + stepsFailed[1]);
        assertThat(stepsFailed).as("steps failed on each instance").containsExactly(0, 0);
        assertThat(stepsRun[0]).as("steps run by instance A").isPositive();
        assertThat(stepsRun[1]).as("steps run by instance B").isPositive();
    }

    // ------------------------------------------------------------------------------------------- expected letters

    /** A letter as the outbox holds it: its cause, its template, its ticket and its addresses. */
    record Letter(String key, String kind, Long ticket, Set<String> to, Set<String> cc) {}

    /** Every letter the campaign must have written, worked out from GOCDB's contacts and the configured lists. */
    private List<Letter> expectedLetters() {
        List<Letter> letters = new ArrayList<>();
        String prefix = "sec03/campaign-" + campaign + "/";
        letters.add(new Letter(prefix + "advisory", "sec03-advisory", incident, SECURITY_LISTS, Set.of(NOC)));
        letters.add(new Letter(prefix + "escalation/noc-list", "sec03-noc-list", incident, Set.of(NOC), Set.of()));
        letters.add(
                new Letter(prefix + "escalation/omb-summary", "sec03-omb-summary", incident, Set.of(NOC), Set.of()));
        for (int n = 1; n <= SITES; n++) {
            if (CLEAR_BEFORE_TICKETS.test(n)) {
                continue;
            }
            String key = "sec03/case-" + cases.get(n) + "/";
            long ticket = tickets.get(n);
            Set<String> site = toSite(n);
            letters.add(new Letter(key + "r1/ticket/notice", "sec03-ticket", ticket, site, Set.of()));
            if (!ACCEPTED.test(n)) {
                letters.add(new Letter(key + "r1/reminder-1/reminder", "sec03-reminder", ticket, site, Set.of()));
            }
            if (openAtRestart.contains(n)) {
                letters.add(new Letter(key + "r1/reminder-3/reminder", "sec03-reminder", ticket, site, Set.of()));
            }
            if (EXTENDED.test(n)) {
                letters.add(new Letter(key + "r1/d2/extension", "sec03-extension", ticket, site, Set.of()));
                letters.add(new Letter(key + "r1/reminder-4/reminder", "sec03-reminder", ticket, site, Set.of()));
                letters.add(new Letter(
                        key + "r1/d2/final-warning/final-warning",
                        "sec03-final-warning",
                        ticket,
                        toSecurity(n),
                        Set.of()));
                letters.add(new Letter(
                        key + "r1/d2/final-warning/omb-summary", "sec03-omb-summary", ticket, Set.of(NOC), Set.of()));
            }
            if (n > 270) {
                letters.add(new Letter(
                        key + "r1/d1/final-warning/final-warning",
                        "sec03-final-warning",
                        ticket,
                        toSecurity(n),
                        Set.of()));
            }
            if (n <= 271) {
                letters.add(new Letter(key + "r1/thanks", "sec03-thanks", ticket, site, Set.of()));
            }
            if (ANSWERED.test(n)) {
                letters.add(new Letter(key + "answer-1", "sec03-answer", ticket, site, Set.of()));
            }
            if (SUSPENDED.test(n)) {
                letters.add(new Letter(key + "r1/suspension-notice", "sec03-suspension-site", ticket, site, Set.of()));
                letters.add(new Letter(
                        key + "r1/suspension-decision",
                        "sec03-suspension-decision",
                        countermeasures.get(n),
                        Set.of(NOC),
                        Set.of()));
                letters.add(new Letter(
                        "sec03/suspension-" + suspensions.get(n) + "/done",
                        "sec03-suspended",
                        countermeasures.get(n),
                        Set.of(NOC, COO),
                        Set.of()));
            }
        }
        return letters;
    }

    /** SEC03-2.4: the site's administrators (GOCDB role Site Administrator), its CSIRT e-mail and its NGI's security e-mail. */
    private Set<String> toSite(int n) {
        GocdbServer.SiteEntry entry = gocdb.entry(site(n));
        Set<String> to = new HashSet<>();
        entry.contactRoles().forEach((email, role) -> {
            if (role.equals("Site Administrator")) {
                to.add(email);
            }
        });
        assertThat(to).as("administrators of " + site(n)).hasSize(2);
        to.addAll(toSecurity(n));
        return to;
    }

    /** SEC03-4.1.1: the site's security contact and its NGI's security contact. */
    private Set<String> toSecurity(int n) {
        GocdbServer.SiteEntry entry = gocdb.entry(site(n));
        Set<String> to = new HashSet<>();
        to.add(entry.csirtEmail());
        if (entry.ngiSecurityEmail() != null) {
            to.add(entry.ngiSecurityEmail());
        } else {
            to.addAll(entry.ngiSecurityOfficers());
        }
        return to;
    }

    /** Every letter in the outbox, read from its tables. */
    private List<Letter> outbox() throws SQLException {
        Map<Long, String[]> messages = new LinkedHashMap<>();
        Map<Long, Set<String>> to = new HashMap<>();
        Map<Long, Set<String>> cc = new HashMap<>();
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT m.id, m.dedup_key, m.kind, m.ticket_id, r.kind, r.email "
                                + "FROM outbox_messages m LEFT JOIN outbox_recipients r ON r.message_id = m.id ORDER BY m.id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                messages.putIfAbsent(id, new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
                to.computeIfAbsent(id, key -> new HashSet<>());
                cc.computeIfAbsent(id, key -> new HashSet<>());
                if ("TO".equals(rows.getString(5))) {
                    to.get(id).add(rows.getString(6));
                } else if ("CC".equals(rows.getString(5))) {
                    cc.get(id).add(rows.getString(6));
                }
            }
        }
        return messages.entrySet().stream()
                .map(message -> new Letter(
                        message.getValue()[0],
                        message.getValue()[1],
                        message.getValue()[2] == null ? null : Long.parseLong(message.getValue()[2]),
                        to.get(message.getKey()),
                        cc.get(message.getKey())))
                .toList();
    }

    // ------------------------------------------------------------------------------------------- the instances

    private void tagsAreUniqueAcrossTheTwoInstances() throws Exception {
        List<Long> reports = new ArrayList<>();
        for (int i = 0; i < TRIAGED_AT_ONCE; i++) {
            Answer created = csirt(i % 2)
                    .post(
                            "api/tickets",
                            "{\"queue\": \"incident-reports\", \"subject\": \"Scan from " + "host" + i
                                    + "\", \"content\": \"SSH brute force from 192.0.2." + (i + 1) + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            reports.add(created.json().getJsonNumber("id").longValue());
        }
        ExecutorService threads = Executors.newFixedThreadPool(TRIAGED_AT_ONCE);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < TRIAGED_AT_ONCE; i++) {
                Api on = csirt(i % 2);
                long report = reports.get(i);
                answers.add(threads.submit(() -> {
                    start.await();
                    return on.post("api/incident-reports/" + report + "/triage", "{\"decision\": \"new\"}");
                }));
            }
            start.countDown();
            List<String> tags = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                Answer done = answer.get(60, TimeUnit.SECONDS);
                assertThat(done.status()).as(done.body()).isEqualTo(200);
                tags.add(done.json().getJsonObject("incident").getString("tag"));
            }
            // Both clocks stand at the same moment (moveTo), so all tags are of one day; numbers continue that day's.
            String prefix = tags.get(0).substring(0, tags.get(0).lastIndexOf('-') + 1);
            assertThat(tags).doesNotHaveDuplicates().allMatch(tag -> tag.startsWith(prefix));
            List<Integer> numbers = tags.stream()
                    .map(tag -> Integer.parseInt(tag.substring(prefix.length())))
                    .sorted()
                    .toList();
            assertThat(numbers)
                    .isEqualTo(IntStream.range(numbers.get(0), numbers.get(0) + TRIAGED_AT_ONCE)
                            .boxed()
                            .toList());
        } finally {
            threads.shutdownNow();
        }
        try (Connection db = database.getConnection()) {
            assertThat(rows(db, "SELECT CONCAT(tag, ' x', COUNT(*)) FROM incidents GROUP BY tag HAVING COUNT(*) > 1"))
                    .as("tags twice")
                    .isEmpty();
        }
    }

    private void startBoth(int life) throws IOException {
        for (int i = 0; i < 2; i++) {
            Files.createDirectories(root.resolve("target/three-hundred-sites/tmp-" + "AB".charAt(i)));
            instances[i] = ApplicationProcess.launch(
                    root,
                    ports[i],
                    root.resolve("target/three-hundred-sites/instance-" + "AB".charAt(i) + "-" + life + ".log"),
                    environment(i));
            // payara/run builds its launcher the first time: the second instance starts once that is done.
            instances[i].awaitLaunched();
        }
        for (ApplicationProcess instance : instances) {
            instance.awaitReady();
        }
    }

    private void stopBoth() {
        List<Thread> stopping = new ArrayList<>();
        for (ApplicationProcess instance : instances) {
            if (instance != null) {
                Thread thread = new Thread(instance::stop, "stop-" + instance.url());
                thread.start();
                stopping.add(thread);
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, String> environment(int instance) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DB_URL", databaseUrl);
        environment.put("DB_USER", TestDatabase.USER);
        environment.put("DB_PASSWORD", TestDatabase.PASSWORD);
        environment.put("CSIRT_SITE_REGISTRY", "gocdb");
        environment.put("CSIRT_GOCDB_URL", gocdb.url());
        environment.put("CSIRT_GOCDB_TOKEN", "three-hundred-sites");
        // The portal form: a suspension is done only when GOCDB reads it back, every second here.
        environment.put("CSIRT_SITE_STATUS_CHANGE", "portal");
        environment.put("CSIRT_SITE_STATUS_CHECK_SECONDS", "1");
        environment.put("EXERCISE_MODE", "true");
        environment.put("CSIRT_SCHEDULE_HEARTBEAT", "PT1S");
        environment.put("CSIRT_HOLIDAYS_COUNTRY", "NL");
        environment.put("CSIRT_ALERTS_PAKITI_TOKEN_SHA256", Secrets.sha256(PAKITI_TOKEN));
        environment.put("CSIRT_SECURITY_INITIAL_ADMIN", ADMIN + ":" + PASSWORD);
        // Payara unpacks itself into the temp dir: the build's, not the machine's.
        environment.put(
                "JAVA_OPTS",
                "-Xmx512m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="
                        + root.resolve("target/three-hundred-sites/tmp-" + "AB".charAt(instance)));
        return environment;
    }

    /** What each instance's heartbeat did in this life of it. */
    private void collectHeartbeats(int life) {
        for (int i = 0; i < 2; i++) {
            JsonObject stats = api(i).get("api/schedule").json();
            long run = stats.getJsonNumber("stepsRun").longValue();
            long failed = stats.getJsonNumber("stepsFailed").longValue();
            stepsRun[i] += run;
            stepsFailed[i] += failed;
            figures.add("instance " + "AB".charAt(i) + ", life " + life + ": " + stats.getJsonNumber("beats")
                    + " beats, " + run + " steps run, " + failed + " failed");
        }
    }

    /** Reads, moves the clock and posts monitoring reports (with the token, which replaces the user's credentials). */
    private Api api(int instance) {
        return new Api(instances[instance].url()).as(TestUsers.EVERY_ROLE, TestUsers.PASSWORD);
    }

    private Api csirt(int instance) {
        return api(instance).as("csirt-user", PASSWORD);
    }

    private Api coordinator(int instance) {
        return api(instance).as("coordinator-user", PASSWORD);
    }

    private Api omb(int instance) {
        return api(instance).as("omb-user", PASSWORD);
    }

    // ------------------------------------------------------------------------------------------- time and steps

    /**
     * Moves the exercise clock on one instance, waits until the other has taken the move up too (its next beat), and
     * until every step due by then has run.
     */
    private void moveTo(int instance, Instant to) throws SQLException {
        Answer moved = api(instance).post("api/exercise/clock", "{\"to\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        api(1 - instance)
                .await(
                        "api/exercise/clock",
                        clock -> !Instant.parse(clock.getString("now")).isBefore(to),
                        Duration.ofSeconds(30));
        awaitSteps(to);
    }

    /** Waits until no step due by {@code by} is still planned: each step commits with its letters, all or nothing. */
    private void awaitSteps(Instant by) throws SQLException {
        long started = System.nanoTime();
        long until = started + STEPS_WITHIN.toNanos();
        try (Connection db = database.getConnection();
                PreparedStatement due = db.prepareStatement(
                        "SELECT COUNT(*) FROM schedule_steps WHERE state = 'PLANNED' " + "AND due_at <= ?")) {
            due.setTimestamp(1, utc(by));
            while (true) {
                long left;
                try (ResultSet count = due.executeQuery()) {
                    count.next();
                    left = count.getLong(1);
                }
                if (left == 0) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as(left + " steps due by " + by + " still planned")
                        .isLessThan(until);
                Api.pause(Duration.ofMillis(250));
            }
        }
        figures.add("steps due by " + by + " run within " + millisSince(started) + " ms");
    }

    /** Each named step's state, by site number, where it was not cancelled (its case resolved or its deadline moved). */
    private Map<String, Map<Integer, String>> stepStates(String... steps) throws SQLException {
        Map<Long, Integer> sites = new HashMap<>();
        cases.forEach((n, id) -> sites.put(id, n));
        Map<String, Map<Integer, String>> states = new HashMap<>();
        for (String step : steps) {
            states.put(step, new TreeMap<>());
        }
        try (Connection db = database.getConnection();
                PreparedStatement query =
                        db.prepareStatement("SELECT owner_id, step, state FROM schedule_steps WHERE owner_kind = "
                                + "'campaign-case' AND owner_id IN (SELECT id FROM campaign_cases WHERE campaign_id = ?) AND state <> 'CANCELLED' "
                                + "AND step IN (" + String.join(", ", Collections.nCopies(steps.length, "?"))
                                + ")")) {
            query.setLong(1, campaign);
            for (int i = 0; i < steps.length; i++) {
                query.setString(i + 2, steps[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.get(rows.getString(2)).put(sites.get(rows.getLong(1)), rows.getString(3));
                }
            }
        }
        return states;
    }

    /** The reminders each open case has had. */
    private Map<Integer, Integer> reminders() throws SQLException {
        Map<Integer, Integer> reminders = new TreeMap<>();
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT site, reminders FROM campaign_cases WHERE campaign_id = ? " + "AND state = 'OPEN'")) {
            query.setLong(1, campaign);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reminders.put(number(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return reminders;
    }

    private List<String> outboxKeys(String like) throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement query =
                        db.prepareStatement("SELECT dedup_key FROM outbox_messages WHERE dedup_key LIKE ?")) {
            query.setString(1, like);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    // ------------------------------------------------------------------------------------------- cases and sites

    /** The cases' ids and tickets, from the database. */
    private void readCases() throws SQLException {
        try (Connection db = database.getConnection();
                PreparedStatement query =
                        db.prepareStatement("SELECT site, id, ticket_id FROM campaign_cases WHERE campaign_id = ?")) {
            query.setLong(1, campaign);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int n = number(rows.getString(1));
                    cases.put(n, rows.getLong(2));
                    long ticket = rows.getLong(3);
                    if (!rows.wasNull()) {
                        tickets.put(n, ticket);
                    }
                }
            }
        }
        assertThat(cases).hasSize(SITES);
    }

    /** The site numbers of the campaign's cases in a state. */
    private Set<Integer> casesIn(String state) throws SQLException {
        Set<Integer> found = new TreeSet<>();
        try (Connection db = database.getConnection();
                PreparedStatement query =
                        db.prepareStatement("SELECT site FROM campaign_cases WHERE campaign_id = ? AND state = ?")) {
            query.setLong(1, campaign);
            query.setString(2, state);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(number(rows.getString(1)));
                }
            }
        }
        return found;
    }

    /** A Pakiti report that covers the sites and lists nothing vulnerable on them: monitoring shows them clear. */
    private void clear(int instance, IntPredicate which) {
        Set<Integer> sites = sites(which);
        String query = sites.stream().map(n -> "site=" + site(n)).collect(Collectors.joining("&", "?", ""));
        JsonObject cleared = pakiti(instance, "", query);
        assertThat(cleared.getInt("sitesCleared")).as(cleared.toString()).isEqualTo(sites.size());
    }

    private JsonObject pakiti(int instance, String rows, String query) {
        Answer answer = api(instance)
                .send(
                        "POST",
                        "api/alerts/pakiti" + query,
                        "text/csv",
                        "tag,cve,site,host,os,arch,last_report\n" + rows,
                        Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private Set<Integer> sites(IntPredicate which) {
        return IntStream.rangeClosed(1, SITES).filter(which).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    private String site(int n) {
        return String.format(Locale.ROOT, "SITE-%04d", n);
    }

    private String host(int n) {
        return "wn001." + site(n).toLowerCase(Locale.ROOT) + ".example";
    }

    private int number(String site) {
        return Integer.parseInt(site.substring("SITE-".length()));
    }

    private List<String> rows(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql);
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /**
     * A Wednesday at 10:00 in the CSIRT's zone, at least a day ahead, with no Dutch public holiday and no
     * daylight-saving change in the nine days from it: the deadline is a week on, the tickets the Friday before, three
     * daily reminders, and an extension of a day ends on the Thursday.
     */
    static ZonedDateTime quietWednesday() {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create("nl"));
        Predicate<LocalDate> holiday = day -> holidays.isHoliday(day, HolidayType.PUBLIC_HOLIDAY);
        LocalDate day = LocalDate.now(CSIRT_ZONE).plusDays(2);
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY
                || day.datesUntil(day.plusDays(10)).anyMatch(holiday)
                || !CSIRT_ZONE
                        .getRules()
                        .getOffset(day.atStartOfDay())
                        .equals(CSIRT_ZONE.getRules().getOffset(day.plusDays(10).atStartOfDay()))) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE);
    }

    /** The database keeps times as UTC without a zone. */
    private Timestamp utc(Instant at) {
        return Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    private long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
