package org.csirtdesk.report.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Browser;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The activity report over a generated history: tickets of the four queues created before, in and after the
 * period, with correspondence in and out, comments, resolutions and reopenings; campaigns with cases for three CVEs,
 * final warnings, suspensions and outbox messages in every state. The history is written by plain SQL from a plan,
 * and every figure of the report is checked against the figure worked out from the plan here, with its own
 * day-by-day working-day arithmetic and Jollyday's Dutch holidays. Then JSON and CSV must agree, and bad periods are
 * refused naming the field.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportsIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = "reports-it-password";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Set<LocalDate> CLOSURE_DAYS = Set.of(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 3, 14));
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 6, 30);
    private static final Instant START = FROM.atStartOfDay(ZONE).toInstant();
    private static final Instant END = TO.plusDays(1).atStartOfDay(ZONE).toInstant();
    private static final String[] QUEUES = {"INCIDENT_REPORTS", "INCIDENTS", "INVESTIGATIONS", "COUNTERMEASURES"};
    private static final Map<String, String> SLUGS = Map.of(
            "INCIDENT_REPORTS",
            "incident-reports",
            "INCIDENTS",
            "incidents",
            "INVESTIGATIONS",
            "investigations",
            "COUNTERMEASURES",
            "countermeasures");
    private static final Set<String> CLOSING = Set.of("resolved", "rejected", "abandoned", "removed");
    private static final String[] KINDS = {"sec03-ticket", "sec03-reminder", "sec03-final-warning", "mail-reply"};

    private static Plan plan;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api csirt;
    private Api omb;
    private Api rod;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.holidays.country",
                "NL",
                "csirt.timezone",
                ZONE.getId(),
                "csirt.holidays.closure-days",
                "2025-01-02,2025-03-14",
                "csirt.security.initial-admin",
                ADMIN + ":" + PASSWORD));
    }

    @BeforeEach
    void history() throws SQLException {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt", "omb", "rod"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
        omb = anonymous.as("omb-user", PASSWORD);
        rod = anonymous.as("rod-user", PASSWORD);
        if (plan == null) {
            plan = Plan.generate(new Random(20250101));
            plan.write();
        }
    }

    @Test
    @DisplayName("REPORT-period: every figure of the report is the one worked out from the generated history: "
            + "incidents apart from campaigns, first responses only where a requestor waits, per month too, cases per "
            + "CVE by outcome, suspensions by reason with their durations")
    void everyFigureOfTheReportIsTheOneWorkedOutFromTheGeneratedHistory() {
        Answer answer = csirt.get("api/reports/activity?from=" + FROM + "&to=" + TO);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject report = answer.json();
        assertThat(report.getString("from")).isEqualTo(FROM.toString());
        assertThat(report.getString("to")).isEqualTo(TO.toString());
        assertThat(report.getString("timeZone")).isEqualTo(ZONE.getId());
        assertThat(Instant.parse(report.getString("start"))).isEqualTo(START);
        assertThat(Instant.parse(report.getString("end"))).isEqualTo(END);

        WorkingDayCount days = new WorkingDayCount();
        Map<String, JsonObject> queues = report.getJsonArray("queues").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(q -> q.getString("queue"), q -> q, (a, b) -> a, LinkedHashMap::new));
        assertThat(queues.keySet())
                .containsExactly("incident-reports", "incidents", "investigations", "countermeasures", "all");
        for (String queue : QUEUES) {
            checkQueue(
                    queues.get(SLUGS.get(queue)),
                    plan.tickets.stream().filter(t -> t.queue.equals(queue)).toList(),
                    days);
        }
        checkQueue(queues.get("all"), plan.tickets, days);
        assertThat(queues.get("incidents").getBoolean("answersRequestor")).isFalse();
        assertThat(queues.get("investigations").getBoolean("answersRequestor")).isTrue();
        assertThat(queues.get("all").getJsonNumber("created").longValue())
                .as("the generation covers the period")
                .isGreaterThan(50);

        checkResponsesByMonth(report.getJsonArray("firstResponseByMonth"), days);

        // Security incidents apart from campaigns: a campaign's Incident is not a security incident.
        List<PlannedTicket> incidents = plan.tickets.stream()
                .filter(t ->
                        t.queue.equals("INCIDENTS") && t.createdIn() && !plan.campaignIncidents.containsValue(t.id))
                .sorted((a, b) -> a.createdAt.compareTo(b.createdAt))
                .toList();
        Map<Long, PlannedIncident> sec01 =
                plan.securityIncidents.stream().collect(Collectors.toMap(PlannedIncident::ticket, i -> i));
        JsonObject incidentFigures = report.getJsonObject("incidents");
        assertThat(incidentFigures.getInt("count")).isEqualTo(incidents.size());
        assertThat(incidentFigures.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(
                        i -> i.getJsonNumber("id").longValue(),
                        i -> i.getString("subject"),
                        i -> i.isNull("tag") ? null : i.getString("tag"),
                        i -> i.getJsonArray("sites").getValuesAs(jakarta.json.JsonString.class).stream()
                                .map(jakarta.json.JsonString::getString)
                                .toList())
                .containsExactly(incidents.stream()
                        .map(t -> org.assertj.core.groups.Tuple.tuple(
                                t.id,
                                t.subject,
                                sec01.containsKey(t.id) ? sec01.get(t.id).tag : null,
                                sec01.containsKey(t.id)
                                        ? List.copyOf(sec01.get(t.id).sites.keySet())
                                        : List.of()))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
        assertThat(incidentFigures.getInt("sitesInvolved"))
                .isEqualTo(incidents.stream()
                        .filter(t -> sec01.containsKey(t.id))
                        .flatMap(t -> sec01.get(t.id).sites.keySet().stream())
                        .distinct()
                        .count());
        assertThat(sec01.keySet().stream().filter(id -> incidents.stream().anyMatch(t -> t.id == id)))
                .as("the generation involves sites in incidents of the period")
                .isNotEmpty();

        JsonObject campaigns = report.getJsonObject("campaigns");
        List<Long> campaignsIn = plan.campaignCreated.entrySet().stream()
                .filter(c -> in(c.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(campaigns.getInt("count")).isEqualTo(campaignsIn.size()).isEqualTo(2);
        assertThat(campaigns.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(
                        c -> c.getJsonNumber("id").longValue(),
                        c -> c.getJsonNumber("incidentId").longValue(),
                        c -> c.getJsonNumber("cases").longValue())
                .containsExactly(campaignsIn.stream()
                        .map(id -> org.assertj.core.groups.Tuple.tuple(
                                id,
                                plan.campaignIncidents.get(id),
                                plan.cases.stream()
                                        .filter(c -> c.campaign == id)
                                        .count()))
                        .toArray(org.assertj.core.groups.Tuple[]::new));

        JsonObject cases = report.getJsonObject("vulnerabilityCases");
        List<PlannedCase> casesIn =
                plan.cases.stream().filter(c -> in(c.openedAt)).toList();
        assertThat(cases.getInt("cases")).isEqualTo(casesIn.size());
        assertThat(cases.getInt("campaigns"))
                .isEqualTo(casesIn.stream().map(c -> c.campaign).distinct().count());
        Map<String, long[]> byCve = new TreeMap<>();
        for (PlannedCase c : casesIn) {
            for (String cve : plan.campaignCves.get(c.campaign)) {
                long[] counts = byCve.computeIfAbsent(cve, k -> new long[5]);
                counts[0]++;
                counts[c.state.equals("RESOLVED") ? 2 : c.state.equals("SUSPENDED") ? 3 : 4]++;
            }
        }
        byCve.forEach((cve, counts) -> counts[1] = casesIn.stream()
                .filter(c -> plan.campaignCves.get(c.campaign).contains(cve))
                .map(c -> c.campaign)
                .distinct()
                .count());
        Map<String, long[]> reportedByCve = new TreeMap<>();
        cases.getJsonArray("byVulnerability")
                .getValuesAs(JsonObject.class)
                .forEach(v -> reportedByCve.put(v.getString("vulnerability"), new long[] {
                    v.getJsonNumber("cases").longValue(),
                    v.getJsonNumber("campaigns").longValue(),
                    v.getJsonNumber("resolved").longValue(),
                    v.getJsonNumber("suspended").longValue(),
                    v.getJsonNumber("open").longValue()
                }));
        assertThat(cases.getInt("resolved"))
                .isEqualTo(
                        casesIn.stream().filter(c -> c.state.equals("RESOLVED")).count());
        assertThat(cases.getInt("suspended"))
                .isEqualTo(casesIn.stream()
                        .filter(c -> c.state.equals("SUSPENDED"))
                        .count());
        assertThat(cases.getInt("open"))
                .isEqualTo(casesIn.stream()
                        .filter(c -> !c.state.equals("RESOLVED") && !c.state.equals("SUSPENDED"))
                        .count());
        assertThat(reportedByCve.keySet()).isEqualTo(byCve.keySet());
        byCve.forEach(
                (cve, counts) -> assertThat(reportedByCve.get(cve)).as(cve).containsExactly(counts));
        assertThat(byCve).hasSizeGreaterThanOrEqualTo(2);

        JsonObject suspensions = report.getJsonObject("suspensions");
        List<PlannedSuspension> decided =
                plan.suspensions.stream().filter(s -> in(s.decidedAt)).toList();
        assertThat(suspensions.getInt("decided")).isEqualTo(decided.size());
        assertThat(suspensions.getInt("carriedOut"))
                .isEqualTo(decided.stream().filter(s -> s.suspendedAt != null).count());
        assertThat(suspensions.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(
                        s -> s.getJsonNumber("id").longValue(), s -> s.getString("site"), s -> s.getString("reason"))
                .containsExactlyInAnyOrderElementsOf(decided.stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.id, s.site, s.reason))
                        .toList());
        assertThat(decided).isNotEmpty();

        checkSiteSuspensions(report.getJsonObject("siteSuspensions"), Instant.parse(report.getString("generatedAt")));

        JsonObject messages = report.getJsonObject("messagesSent");
        Map<String, Long> sent = plan.messages.stream()
                .filter(m -> m.state.equals("SENT") && in(m.sentAt))
                .collect(Collectors.groupingBy(m -> m.kind, TreeMap::new, Collectors.counting()));
        assertThat(messages.getJsonNumber("total").longValue())
                .isEqualTo(sent.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> reportedSent = new TreeMap<>();
        messages.getJsonArray("byKind")
                .getValuesAs(JsonObject.class)
                .forEach(m -> reportedSent.put(
                        m.getString("kind"), m.getJsonNumber("sent").longValue()));
        assertThat(reportedSent).isEqualTo(sent);

        JsonObject warnings = report.getJsonObject("finalWarnings");
        List<PlannedCase> warned = plan.cases.stream()
                .filter(c -> c.finalWarningAt != null && in(c.finalWarningAt))
                .toList();
        assertThat(warnings.getInt("cases")).isEqualTo(warned.size());
        assertThat(warnings.getInt("sites"))
                .isEqualTo(warned.stream().map(c -> c.site).distinct().count());
        assertThat(warnings.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(w -> w.getJsonNumber("caseId").longValue())
                .containsExactlyInAnyOrderElementsOf(
                        warned.stream().map(c -> c.id).toList());
    }

    private void checkQueue(JsonObject figures, List<PlannedTicket> tickets, WorkingDayCount days) {
        String queue = figures.getString("queue");
        List<PlannedTicket> created =
                tickets.stream().filter(PlannedTicket::createdIn).toList();
        long olderUpdated = tickets.stream()
                .filter(t -> t.createdAt.isBefore(START) && t.events.stream().anyMatch(e -> in(e.at)))
                .count();
        List<double[]> resolved = new ArrayList<>();
        for (PlannedTicket t : tickets) {
            t.events.stream()
                    .filter(e -> e.type.equals("STATUS") && CLOSING.contains(e.value) && in(e.at))
                    .map(e -> e.at)
                    .max(Instant::compareTo)
                    .ifPresent(last -> resolved.add(new double[] {days.between(t.createdAt, last)}));
        }
        // Only the queues that answer a requestor have first responses; the row of all queues counts those alone.
        Set<String> answering = Set.of("INCIDENT_REPORTS", "INVESTIGATIONS");
        List<PlannedTicket> answerable =
                created.stream().filter(t -> answering.contains(t.queue)).toList();
        List<Double> responseDays = new ArrayList<>();
        for (PlannedTicket t : answerable) {
            t.events.stream()
                    .filter(e -> e.type.equals("CORRESPOND") && !e.actor.startsWith("mail:") && e.at.isBefore(END))
                    .map(e -> e.at)
                    .min(Instant::compareTo)
                    .ifPresent(first -> responseDays.add(days.between(t.createdAt, first)));
        }
        assertThat(figures.getJsonNumber("created").longValue())
                .as(queue + " created")
                .isEqualTo(created.size());
        assertThat(figures.getJsonNumber("olderUpdated").longValue())
                .as(queue + " older updated")
                .isEqualTo(olderUpdated);
        assertThat(figures.getJsonNumber("handled").longValue())
                .as(queue + " handled")
                .isEqualTo(created.size() + olderUpdated);
        assertThat(figures.getJsonNumber("resolved").longValue())
                .as(queue + " resolved")
                .isEqualTo(resolved.size());
        if (queue.equals("incidents") || queue.equals("countermeasures")) {
            assertThat(figures.isNull("awaitingFirstResponse"))
                    .as(queue + " awaits no answer")
                    .isTrue();
            assertThat(figures.isNull("firstResponse"))
                    .as(queue + " answers no requestor")
                    .isTrue();
        } else {
            assertThat(figures.getJsonNumber("awaitingFirstResponse").longValue())
                    .as(queue + " awaiting")
                    .isEqualTo(answerable.size() - responseDays.size());
            checkDistribution(queue + " first response", figures.getJsonObject("firstResponse"), responseDays);
        }
        checkDistribution(
                queue + " resolution",
                figures.getJsonObject("resolution"),
                resolved.stream().map(r -> r[0]).toList());
    }

    /** Suspensions by reason, each lasting to the site's next confirmed status change or, in force, to the report. */
    private void checkSiteSuspensions(JsonObject figures, Instant generatedAt) {
        List<PlannedStatusChange> suspended = plan.statusChanges.stream()
                .filter(c -> c.target.equals("SUSPENDED") && in(c.confirmedAt))
                .sorted((a, b) -> a.confirmedAt.compareTo(b.confirmedAt))
                .toList();
        List<JsonObject> items = figures.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(figures.getInt("count")).isEqualTo(suspended.size());
        assertThat(items).hasSameSizeAs(suspended);
        Map<String, List<Double>> daysByReason = new TreeMap<>();
        Map<String, Long> endedByReason = new TreeMap<>();
        for (int i = 0; i < suspended.size(); i++) {
            PlannedStatusChange change = suspended.get(i);
            Instant ended = plan.statusChanges.stream()
                    .filter(c -> c.site.equals(change.site) && c.confirmedAt.isAfter(change.confirmedAt))
                    .map(PlannedStatusChange::confirmedAt)
                    .min(Instant::compareTo)
                    .orElse(null);
            String reason = plan.suspensionReasons.get(change.id);
            JsonObject item = items.get(i);
            assertThat(item.getString("site")).isEqualTo(change.site);
            assertThat(item.getString("reason")).as(change.site).isEqualTo(reason);
            assertThat(item.isNull("endedAt") ? null : Instant.parse(item.getString("endedAt")))
                    .isEqualTo(ended);
            double days = Duration.between(change.confirmedAt, ended == null ? generatedAt : ended)
                            .toSeconds()
                    / 86400.0;
            assertThat(number(item, "days")).as(change.site + " days").isCloseTo(days, within(0.011));
            daysByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(days);
            endedByReason.merge(reason, ended == null ? 0L : 1L, Long::sum);
        }
        assertThat(daysByReason.keySet()).containsExactlyInAnyOrder("campaign", "incident", "other");
        for (JsonObject byReason : figures.getJsonArray("byReason").getValuesAs(JsonObject.class)) {
            String reason = byReason.getString("reason");
            List<Double> days = daysByReason.get(reason);
            assertThat(byReason.getInt("count")).as(reason).isEqualTo(days.size());
            assertThat(byReason.getJsonNumber("ended").longValue()).as(reason).isEqualTo(endedByReason.get(reason));
            double[] sorted =
                    days.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertThat(number(byReason, "medianDays")).as(reason).isCloseTo(percentile(sorted, 50), within(0.02));
            assertThat(number(byReason, "longestDays")).as(reason).isCloseTo(sorted[sorted.length - 1], within(0.011));
        }
    }

    /** The first responses per month of the period, in the queues that answer a requestor, worked out from the plan. */
    private void checkResponsesByMonth(JsonArray months, WorkingDayCount days) {
        List<JsonObject> reported = months.getValuesAs(JsonObject.class);
        assertThat(reported)
                .extracting(m -> m.getString("month"))
                .containsExactly("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06");
        for (JsonObject month : reported) {
            List<PlannedTicket> created = plan.tickets.stream()
                    .filter(t -> t.createdIn()
                            && (t.queue.equals("INCIDENT_REPORTS") || t.queue.equals("INVESTIGATIONS"))
                            && java.time.YearMonth.from(t.createdAt.atZone(ZONE))
                                    .toString()
                                    .equals(month.getString("month")))
                    .toList();
            List<Double> responseDays = new ArrayList<>();
            for (PlannedTicket t : created) {
                t.events.stream()
                        .filter(e -> e.type.equals("CORRESPOND") && !e.actor.startsWith("mail:") && e.at.isBefore(END))
                        .map(e -> e.at)
                        .min(Instant::compareTo)
                        .ifPresent(first -> responseDays.add(days.between(t.createdAt, first)));
            }
            String what = "month " + month.getString("month");
            assertThat(month.getInt("created")).as(what).isEqualTo(created.size());
            assertThat(month.getInt("awaitingFirstResponse")).as(what).isEqualTo(created.size() - responseDays.size());
            checkDistribution(what, month.getJsonObject("firstResponse"), responseDays);
        }
    }

    private static void checkDistribution(String what, JsonObject distribution, List<Double> values) {
        assertThat(distribution.getInt("count")).as(what + " count").isEqualTo(values.size());
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            assertThat(distribution.get("median")).as(what).isIn(null, JsonValue.NULL);
            return;
        }
        assertThat(number(distribution, "median"))
                .as(what + " median")
                .isCloseTo(percentile(sorted, 50), within(0.0051));
        assertThat(number(distribution, "p90")).as(what + " p90").isCloseTo(percentile(sorted, 90), within(0.0051));
        int[] buckets = new int[6];
        double[] bounds = {0, 0.25, 1, 2, 5, 10};
        for (double value : sorted) {
            int b = 0;
            while (b + 1 < bounds.length && value >= bounds[b + 1]) {
                b++;
            }
            buckets[b]++;
        }
        assertThat(distribution.getJsonArray("buckets").getValuesAs(JsonObject.class))
                .extracting(b -> b.getInt("count"))
                .as(what + " buckets")
                .containsExactly(Arrays.stream(buckets).boxed().toArray(Integer[]::new));
    }

    /** Linear interpolation between the closest ranks, as docs/reports.md says, written out differently. */
    private static double percentile(double[] sorted, int percent) {
        double position = percent / 100.0 * (sorted.length - 1);
        int lower = (int) position;
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] * (1 - (position - lower)) + sorted[upper] * (position - lower);
    }

    private static double number(JsonObject object, String name) {
        return ((JsonNumber) object.get(name)).doubleValue();
    }

    @Test
    @DisplayName("REPORT-period: the CSV says what the JSON says")
    void theCsvSaysWhatTheJsonSays() throws IOException {
        String query = "api/reports/activity?from=" + FROM + "&to=" + TO;
        JsonObject json = omb.get(query).json();
        Answer negotiated = omb.send("GET", query, null, null, Map.of("Accept", "text/csv"));
        Answer file = omb.get("api/reports/activity.csv?from=" + FROM + "&to=" + TO);
        assertThat(negotiated.status()).as(negotiated.body()).isEqualTo(200);
        assertThat(negotiated.contentType()).startsWith("text/csv");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("csirt-activity-2025-01-01-to-2025-06-30.csv");
        Map<String, List<Map<String, String>>> sections = sections(file.body());
        assertThat(sections.keySet())
                .containsExactly(
                        "period",
                        "queues",
                        "distributions",
                        "firstResponseByMonth",
                        "incidents",
                        "campaigns",
                        "vulnerabilityCases",
                        "suspensions",
                        "siteSuspensions",
                        "suspensionReasons",
                        "messagesSent",
                        "finalWarnings");
        assertThat(sections(negotiated.body()).get("queues")).isEqualTo(sections.get("queues"));

        List<JsonObject> queues = json.getJsonArray("queues").getValuesAs(JsonObject.class);
        assertThat(sections.get("queues")).hasSameSizeAs(queues);
        for (int i = 0; i < queues.size(); i++) {
            JsonObject q = queues.get(i);
            Map<String, String> row = sections.get("queues").get(i);
            assertThat(row.get("queue")).isEqualTo(q.getString("queue"));
            for (String count : List.of("created", "olderUpdated", "handled", "resolved", "awaitingFirstResponse")) {
                assertThat(row.get(count))
                        .as(q.getString("queue") + " " + count)
                        .isEqualTo(q.isNull(count) ? "" : q.get(count).toString());
            }
            for (String measure : List.of("firstResponse", "resolution")) {
                if (q.isNull(measure)) {
                    assertThat(row.get(measure + "Count")).isEmpty();
                    continue;
                }
                JsonObject d = q.getJsonObject(measure);
                assertThat(row.get(measure + "Count")).isEqualTo(String.valueOf(d.getInt("count")));
                for (String p : List.of("median", "p90")) {
                    String cell = row.get(measure + (p.equals("median") ? "Median" : "P90"));
                    if (d.isNull(p)) {
                        assertThat(cell).isEmpty();
                    } else {
                        assertThat(Double.parseDouble(cell))
                                .as(q.getString("queue") + " " + measure + " " + p)
                                .isEqualTo(number(d, p));
                    }
                }
                List<Map<String, String>> buckets = sections.get("distributions").stream()
                        .filter(r -> r.get("queue").equals(q.getString("queue"))
                                && r.get("measure").equals(measure))
                        .toList();
                assertThat(buckets)
                        .extracting(r -> Integer.parseInt(r.get("tickets")))
                        .containsExactlyElementsOf(d.getJsonArray("buckets").getValuesAs(JsonObject.class).stream()
                                .map(b -> b.getInt("count"))
                                .toList());
            }
        }
        assertThat(sections.get("incidents"))
                .extracting(r -> r.get("id"))
                .containsExactlyElementsOf(
                        json.getJsonObject("incidents").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                                .map(i -> i.get("id").toString())
                                .toList());
        JsonObject cases = json.getJsonObject("vulnerabilityCases");
        List<String> caseRows =
                new ArrayList<>(cases.getJsonArray("byVulnerability").getValuesAs(JsonObject.class).stream()
                        .map(v -> v.getString("vulnerability") + "=" + v.get("cases") + "/" + v.get("campaigns") + "/"
                                + v.get("resolved") + "/" + v.get("suspended") + "/" + v.get("open"))
                        .toList());
        caseRows.add("all=" + cases.get("cases") + "/" + cases.get("campaigns") + "/" + cases.get("resolved") + "/"
                + cases.get("suspended") + "/" + cases.get("open"));
        assertThat(sections.get("vulnerabilityCases"))
                .extracting(r -> r.get("vulnerability") + "=" + r.get("cases") + "/" + r.get("campaigns") + "/"
                        + r.get("resolved") + "/" + r.get("suspended") + "/" + r.get("open"))
                .containsExactlyElementsOf(caseRows);
        assertThat(sections.get("campaigns"))
                .extracting(r -> r.get("id"))
                .containsExactlyElementsOf(
                        json.getJsonObject("campaigns").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                                .map(c -> c.get("id").toString())
                                .toList());
        assertThat(sections.get("siteSuspensions"))
                .extracting(r -> r.get("site") + " " + r.get("reason") + " " + r.get("days"))
                .containsExactlyElementsOf(
                        json
                                .getJsonObject("siteSuspensions")
                                .getJsonArray("items")
                                .getValuesAs(JsonObject.class)
                                .stream()
                                .map(x -> x.getString("site") + " " + x.getString("reason") + " "
                                        + String.format(java.util.Locale.ROOT, "%.2f", number(x, "days")))
                                .toList());
        assertThat(sections.get("firstResponseByMonth"))
                .extracting(r -> r.get("month") + "=" + r.get("created") + "/" + r.get("awaitingFirstResponse"))
                .containsExactlyElementsOf(
                        json.getJsonArray("firstResponseByMonth").getValuesAs(JsonObject.class).stream()
                                .map(m -> m.getString("month") + "=" + m.get("created") + "/"
                                        + m.get("awaitingFirstResponse"))
                                .toList());
        assertThat(sections.get("suspensions"))
                .extracting(r -> r.get("id") + " " + r.get("site") + " " + r.get("reason") + " " + r.get("suspendedAt"))
                .containsExactlyElementsOf(
                        json.getJsonObject("suspensions").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                                .map(s -> s.get("id") + " " + s.getString("site") + " " + s.getString("reason") + " "
                                        + (s.isNull("suspendedAt")
                                                ? ""
                                                : Instant.parse(s.getString("suspendedAt"))
                                                        .toString()))
                                .toList());
        JsonObject messages = json.getJsonObject("messagesSent");
        List<String> messageRows =
                new ArrayList<>(messages.getJsonArray("byKind").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("kind") + "=" + m.get("sent"))
                        .toList());
        messageRows.add("all=" + messages.get("total"));
        assertThat(sections.get("messagesSent"))
                .extracting(r -> r.get("kind") + "=" + r.get("sent"))
                .containsExactlyElementsOf(messageRows);
        assertThat(sections.get("finalWarnings"))
                .extracting(r -> r.get("caseId"))
                .containsExactlyElementsOf(
                        json.getJsonObject("finalWarnings").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                                .map(w -> w.get("caseId").toString())
                                .toList());
        assertThat(sections.get("period").get(0))
                .containsEntry("from", FROM.toString())
                .containsEntry("to", TO.toString())
                .containsEntry("timeZone", ZONE.getId());
    }

    /** The CSV's sections: each a row "section,name", a header row, the rows, an empty row. */
    private static Map<String, List<Map<String, String>>> sections(String csv) throws IOException {
        Map<String, List<Map<String, String>>> sections = new LinkedHashMap<>();
        List<String> header = null;
        List<Map<String, String>> rows = null;
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            if (record.size() == 2 && record.get(0).equals("section") && header == null) {
                rows = new ArrayList<>();
                sections.put(record.get(1), rows);
                header = List.of();
            } else if (record.size() == 1 && record.get(0).isEmpty()) {
                header = null;
            } else if (header != null && header.isEmpty()) {
                header = record.toList();
            } else {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.get(i));
                }
                rows.add(row);
            }
        }
        return sections;
    }

    @Test
    void badPeriodsAreRefusedNamingTheFieldAndOnlyStaffAndTheBoardMayRead() {
        Map<String, String> refused = Map.of(
                "api/reports/activity?from=2025-02-30", "from",
                "api/reports/activity?from=2025-01-01&to=June", "to",
                "api/reports/activity?from=2025-06-01&to=2025-05-31", "to",
                "api/reports/activity?from=2019-01-01&to=2025-01-02", "to",
                "api/reports/activity.csv?from=2025-06-01&to=2025-05-31", "to");
        refused.forEach((path, field) -> {
            Answer answer = csirt.get(path);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            JsonArray errors = answer.json().getJsonArray("errors");
            assertThat(errors.getJsonObject(0).getString("field")).as(path).isEqualTo(field);
        });
        assertThat(anonymous.get("api/reports/activity").status()).isEqualTo(401);
        Answer forbidden = rod.get("api/reports/activity");
        assertThat(forbidden.status()).isEqualTo(403);

        Answer byDefault = omb.get("api/reports/activity");
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        LocalDate today = LocalDate.now(ZONE);
        assertThat(LocalDate.parse(byDefault.json().getString("to"))).isIn(today, today.minusDays(1));
        LocalDate to = LocalDate.parse(byDefault.json().getString("to"));
        assertThat(byDefault.json().getString("from"))
                .isEqualTo(to.plusDays(1).minusMonths(6).toString());
    }

    @Test
    void theDeskShowsTheReportWithChartsAndPrintsWithoutItsControls() {
        JsonObject report =
                csirt.get("api/reports/activity?from=" + FROM + "&to=" + TO).json();
        assertThat(report.getJsonObject("vulnerabilityCases").getJsonArray("byVulnerability"))
                .isNotEmpty();
        JsonObject all = report.getJsonArray("queues").getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("queue").equals("all"))
                .findFirst()
                .orElseThrow();
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn("omb-user", PASSWORD, "/desk/reports.html?from=" + FROM + "&to=" + TO);
            browser.waitForText("Tickets per queue");
            WebElement total = browser.waitFor(By.cssSelector("table.report-table tr.total"));
            assertThat(total.getText())
                    .startsWith("All queues "
                            + String.format(
                                    java.util.Locale.ENGLISH,
                                    "%,d",
                                    all.getJsonNumber("created").longValue()));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/desk/reports.html?from=" + FROM + "&to=" + TO);
            assertThat(browser.all(By.linkText("Download CSV")).get(0).getAttribute("href"))
                    .endsWith("/api/reports/activity.csv?from=" + FROM + "&to=" + TO);
            browser.asyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + " const wait = () => window.Chart && Chart.getChart('chart-queues') ? done(true) : setTimeout(wait, 100); wait();");
            assertThat(browser.script("const chart = Chart.getChart('chart-cves');"
                            + " return chart ? chart.data.datasets[0].data.length + ' bars, '"
                            + " + (chart.width > 100 && chart.height > 100 ? 'drawn' : chart.width + 'x' + chart.height)"
                            + " : 'no chart'"))
                    .as("the chart of cases per CVE has a bar for each CVE of the period")
                    .isEqualTo(report.getJsonObject("vulnerabilityCases")
                                    .getJsonArray("byVulnerability")
                                    .size()
                            + " bars, drawn");
            assertThat(browser.script("const chart = Chart.getChart('chart-cves');"
                            + " return chart.options.indexAxis + ' ' + chart.scales.y.type + ' '"
                            + " + chart.getDatasetMeta(0).data.every(bar => Math.abs(bar.x - bar.base) > 1)"))
                    .as("the CVE chart's bars run across, one per CVE on the vertical axis, each as long as its count")
                    .isEqualTo("y category true");
            browser.script("document.getElementById('chart-cves').scrollIntoView()");
            browser.screenshot(Path.of("target", "screenshots", "reports-cves.png"));
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot(Path.of("target", "screenshots", "reports.png"));

            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertThat(browser.script("return getComputedStyle(document.querySelector('header.top')).display"))
                    .isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('form.filters')).display"))
                    .isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('.actions')).display"))
                    .isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('table.report-table')).display"))
                    .isEqualTo("table");
            browser.screenshot(Path.of("target", "screenshots", "reports-print.png"));
        }
    }

    private static boolean in(Instant at) {
        return !at.isBefore(START) && at.isBefore(END);
    }

    /** Working days counted day by day: each weekday that is no holiday adds its share between the instants. */
    private static final class WorkingDayCount {

        private final Predicate<LocalDate> dayOff;

        WorkingDayCount() {
            HolidayManager dutch = HolidayManager.getInstance(ManagerParameters.create("nl"));
            Set<LocalDate> holidays = new HashSet<>(CLOSURE_DAYS);
            for (int year = 2023; year <= 2026; year++) {
                dutch.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY).stream()
                        .map(Holiday::getDate)
                        .forEach(holidays::add);
            }
            dayOff = day -> day.getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == DayOfWeek.SUNDAY
                    || holidays.contains(day);
        }

        double between(Instant start, Instant end) {
            double total = 0;
            for (LocalDate day = start.atZone(ZONE).toLocalDate();
                    !day.isAfter(end.atZone(ZONE).toLocalDate());
                    day = day.plusDays(1)) {
                if (dayOff.test(day)) {
                    continue;
                }
                Instant dayStart = day.atStartOfDay(ZONE).toInstant();
                Instant dayEnd = day.plusDays(1).atStartOfDay(ZONE).toInstant();
                Instant from = start.isAfter(dayStart) ? start : dayStart;
                Instant to = end.isBefore(dayEnd) ? end : dayEnd;
                if (to.isAfter(from)) {
                    total += Duration.between(from, to).toMillis()
                            / (double) Duration.between(dayStart, dayEnd).toMillis();
                }
            }
            return total;
        }
    }

    private record Event(String type, String actor, Instant at, String value) {}

    private record PlannedTicket(
            long id, String queue, String subject, Instant createdAt, List<Event> events, String status) {

        boolean createdIn() {
            return in(createdAt);
        }
    }

    private record PlannedCase(
            long id, long campaign, String site, Instant openedAt, Instant finalWarningAt, String state) {}

    /** A SEC01 incident: its Incidents ticket, its tag and the sites it involves, each with its Investigation. */
    private record PlannedIncident(long ticket, String tag, Map<String, Long> sites) {}

    /** A status change of a site in GOCDB, confirmed at {@code confirmedAt} (null: not confirmed). */
    private record PlannedStatusChange(
            long id, String site, String target, String reason, Long ticket, Instant confirmedAt) {}

    private record PlannedSuspension(
            long id,
            PlannedCase of,
            String site,
            String reason,
            Instant decidedAt,
            Instant suspendedAt,
            long countermeasure) {}

    private record PlannedMessage(long id, String kind, String state, Instant createdAt, Instant sentAt) {}

    /** What is written to the database, and from which the expected figures are worked out. */
    private static final class Plan {

        final List<PlannedTicket> tickets = new ArrayList<>();
        final Map<Long, List<String>> campaignCves = new LinkedHashMap<>();
        final Map<Long, Long> campaignIncidents = new LinkedHashMap<>();
        final List<PlannedCase> cases = new ArrayList<>();
        final List<PlannedSuspension> suspensions = new ArrayList<>();
        final List<PlannedMessage> messages = new ArrayList<>();
        final Map<Long, Instant> campaignCreated = new LinkedHashMap<>();
        final List<PlannedIncident> securityIncidents = new ArrayList<>();
        final List<PlannedStatusChange> statusChanges = new ArrayList<>();
        /** Which reason the report must give each suspension's status change: campaign, incident or other. */
        final Map<Long, String> suspensionReasons = new LinkedHashMap<>();

        /** Times from October 2024 to September 2025, so that the first half of 2025 has older and later work around it. */
        static Instant someTime(Random random, Instant from, Duration within) {
            return from.plusSeconds((long) (random.nextDouble() * within.toSeconds()))
                    .plusMillis(random.nextInt(1000));
        }

        static Plan generate(Random random) {
            Plan plan = new Plan();
            Instant first = ZonedDateTime.of(2024, 10, 1, 0, 0, 0, 0, ZONE).toInstant();
            for (long id = 1; id <= 400; id++) {
                String queue = QUEUES[random.nextInt(QUEUES.length)];
                Instant created = someTime(random, first, Duration.ofDays(335));
                List<Event> events = new ArrayList<>();
                boolean closed = false;
                Instant at = created;
                int count = random.nextInt(7);
                for (int e = 0; e < count; e++) {
                    // Mostly within days; a few at once (an answer the same minute), some weeks later.
                    at = at.plusSeconds(
                            random.nextInt(4) == 0 ? random.nextInt(600) : (long) (random.nextDouble() * 20 * 86400));
                    int kind = random.nextInt(5);
                    if (kind == 0) {
                        events.add(new Event("CORRESPOND", "mail:admin@site" + id + ".example", at, null));
                    } else if (kind == 1) {
                        events.add(
                                new Event("CORRESPOND", random.nextBoolean() ? "csirt-user" : "csirt-desk", at, null));
                    } else if (kind == 2) {
                        events.add(new Event("COMMENT", "csirt-user", at, null));
                    } else {
                        String target = closed ? reopened(queue) : closing(queue, random);
                        events.add(new Event("STATUS", "csirt-user", at, target));
                        closed = !closed;
                    }
                }
                String status = events.stream()
                        .filter(e -> e.type.equals("STATUS"))
                        .reduce((a, b) -> b)
                        .map(Event::value)
                        .orElse(
                                queue.equals("INCIDENT_REPORTS")
                                        ? "new"
                                        : queue.equals("COUNTERMEASURES") ? "pending activation" : "open");
                plan.tickets.add(new PlannedTicket(
                        id,
                        queue,
                        "Generated ticket " + id + " <" + queue.toLowerCase() + ">",
                        created,
                        events,
                        status));
            }
            List<PlannedTicket> incidents = plan.tickets.stream()
                    .filter(t -> t.queue.equals("INCIDENTS"))
                    .toList();
            List<List<String>> cves = List.of(
                    List.of("CVE-2025-0001"), List.of("CVE-2025-0002", "CVE-2025-0003"), List.of("CVE-2025-0001"));
            long caseId = 1;
            // One campaign created before the period, two in it: the report lists those two apart from the incidents.
            List<Instant> campaignsCreated = List.of(
                    ZonedDateTime.of(2024, 11, 1, 0, 0, 0, 0, ZONE).toInstant(),
                    ZonedDateTime.of(2025, 2, 3, 9, 0, 0, 0, ZONE).toInstant(),
                    ZonedDateTime.of(2025, 4, 14, 9, 0, 0, 0, ZONE).toInstant());
            String[] caseStates = {"OPEN", "RESOLVED", "RESOLVED", "SUSPENDED", "PENDING", "AWAITING_CONFIRMATION"};
            for (int c = 0; c < cves.size(); c++) {
                long campaign = c + 1;
                plan.campaignCves.put(campaign, cves.get(c));
                plan.campaignIncidents.put(campaign, incidents.get(c).id);
                plan.campaignCreated.put(campaign, campaignsCreated.get(c));
                int size = 15 + random.nextInt(25);
                List<Integer> sites = new ArrayList<>(
                        java.util.stream.IntStream.range(0, 60).boxed().toList());
                java.util.Collections.shuffle(sites, random);
                for (int s = 0; s < size; s++) {
                    Instant opened = someTime(
                            random,
                            ZonedDateTime.of(2024, 12, 1, 0, 0, 0, 0, ZONE).toInstant(),
                            Duration.ofDays(240));
                    Instant warning =
                            random.nextInt(3) == 0 ? opened.plus(Duration.ofDays(4 + random.nextInt(4))) : null;
                    plan.cases.add(new PlannedCase(
                            caseId++,
                            campaign,
                            "SITE-" + sites.get(s),
                            opened,
                            warning,
                            caseStates[random.nextInt(caseStates.length)]));
                }
            }
            List<PlannedTicket> countermeasures = plan.tickets.stream()
                    .filter(t -> t.queue.equals("COUNTERMEASURES"))
                    .toList();
            for (long s = 1; s <= 8; s++) {
                PlannedCase of = plan.cases.get(random.nextInt(plan.cases.size()));
                Instant decided = of.openedAt.plus(Duration.ofDays(8));
                plan.suspensions.add(new PlannedSuspension(
                        s,
                        of,
                        of.site,
                        "Not patched against "
                                + plan.campaignCves.get(of.campaign).get(0) + " by the deadline, \"case " + of.id
                                + "\"",
                        decided,
                        random.nextBoolean() ? decided.plus(Duration.ofHours(2)) : null,
                        countermeasures.get((int) s).id));
            }
            // SEC01 incidents: every other Incidents ticket that is no campaign's, with one to three sites, each with
            // an Investigation linked to it.
            List<PlannedTicket> investigations = plan.tickets.stream()
                    .filter(t -> t.queue.equals("INVESTIGATIONS"))
                    .toList();
            int investigation = 0;
            int number = 1;
            for (PlannedTicket incident : incidents) {
                if (plan.campaignIncidents.containsValue(incident.id) || random.nextInt(4) != 0) {
                    continue;
                }
                Map<String, Long> involved = new TreeMap<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    involved.put("SITE-" + random.nextInt(60), investigations.get(investigation++).id);
                }
                plan.securityIncidents.add(new PlannedIncident(incident.id, "EGI-20250101-" + number++, involved));
            }
            // Sites suspended in GOCDB: the campaigns' suspensions GOCDB confirmed, two for incidents (one naming the
            // incident, one an Investigation linked to it), two for other reasons; some reinstated since.
            for (PlannedSuspension s : plan.suspensions) {
                if (s.suspendedAt != null) {
                    plan.statusChanges.add(new PlannedStatusChange(
                            s.id, s.site, "SUSPENDED", s.reason, s.countermeasure, s.suspendedAt));
                    plan.suspensionReasons.put(s.id, "campaign");
                }
            }
            PlannedIncident named = plan.securityIncidents.get(0);
            List<Long> incidentTickets =
                    List.of(named.ticket, named.sites.values().iterator().next());
            long changeId = 101;
            for (int i = 0; i < 4; i++) {
                Instant suspended = someTime(
                        random, ZonedDateTime.of(2025, 1, 5, 0, 0, 0, 0, ZONE).toInstant(), Duration.ofDays(170));
                Long ticket = i < 2 ? incidentTickets.get(i) : null;
                String site = "SUSPENDED-SITE-" + i;
                plan.statusChanges.add(new PlannedStatusChange(
                        changeId,
                        site,
                        "SUSPENDED",
                        i < 2 ? "Compromised, see the incident" : "No security contact",
                        ticket,
                        suspended));
                plan.suspensionReasons.put(changeId++, i < 2 ? "incident" : "other");
                if (i % 2 == 0) {
                    plan.statusChanges.add(new PlannedStatusChange(
                            changeId++,
                            site,
                            "UNCERTIFIED",
                            "Reinstated",
                            null,
                            suspended.plus(Duration.ofHours(30 + random.nextInt(400)))));
                }
            }
            // One before the period: not counted.
            plan.statusChanges.add(new PlannedStatusChange(
                    changeId,
                    "SUSPENDED-SITE-OLD",
                    "SUSPENDED",
                    "No security contact",
                    null,
                    ZonedDateTime.of(2024, 12, 1, 0, 0, 0, 0, ZONE).toInstant()));
            String[] states = {"SENT", "SENT", "SENT", "QUEUED", "FAILED", "RETRYING"};
            for (long m = 1; m <= 200; m++) {
                String state = states[random.nextInt(states.length)];
                Instant created = someTime(random, first, Duration.ofDays(335));
                plan.messages.add(new PlannedMessage(
                        m,
                        KINDS[random.nextInt(KINDS.length)],
                        state,
                        created,
                        state.equals("SENT") ? created.plusSeconds(random.nextInt(7200)) : null));
            }
            return plan;
        }

        static String closing(String queue, Random random) {
            return switch (queue) {
                case "INCIDENT_REPORTS" -> random.nextBoolean() ? "resolved" : "rejected";
                case "INCIDENTS" -> random.nextBoolean() ? "resolved" : "abandoned";
                case "INVESTIGATIONS" -> "resolved";
                default -> "removed";
            };
        }

        static String reopened(String queue) {
            return queue.equals("COUNTERMEASURES") ? "pending activation" : "open";
        }

        void write() throws SQLException {
            try (Connection db =
                    DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
                db.setAutoCommit(false);
                try (PreparedStatement ticket =
                                db.prepareStatement("INSERT INTO tickets (id, queue, subject, status, tlp, "
                                        + "created_at, updated_at, version) VALUES (?, ?, ?, ?, 'AMBER', ?, ?, 0)");
                        PreparedStatement history =
                                db.prepareStatement("INSERT INTO ticket_history (ticket_id, type, actor, at, "
                                        + "field, old_value, new_value) VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
                    for (PlannedTicket t : tickets) {
                        ticket.setLong(1, t.id);
                        ticket.setString(2, t.queue);
                        ticket.setString(3, t.subject);
                        ticket.setString(4, t.status.toUpperCase().replace(' ', '_'));
                        ticket.setObject(5, utc(t.createdAt));
                        ticket.setObject(
                                6, utc(t.events.isEmpty() ? t.createdAt : t.events.get(t.events.size() - 1).at));
                        ticket.addBatch();
                        history.setLong(1, t.id);
                        history.setString(2, "CREATE");
                        history.setString(3, "csirt-user");
                        history.setObject(4, utc(t.createdAt));
                        history.setString(5, null);
                        history.setString(6, null);
                        history.addBatch();
                        for (Event e : t.events) {
                            history.setLong(1, t.id);
                            history.setString(2, e.type);
                            history.setString(3, e.actor);
                            history.setObject(4, utc(e.at));
                            history.setString(5, e.type.equals("STATUS") ? "status" : null);
                            history.setString(6, e.value);
                            history.addBatch();
                        }
                    }
                    ticket.executeBatch();
                    history.executeBatch();
                }
                try (PreparedStatement campaign = db.prepareStatement(
                                "INSERT INTO campaigns (id, incident_ticket_id, title, "
                                        + "advisory_text, severe_interruption, scope, tlp, state, created_at, created_by, version) VALUES "
                                        + "(?, ?, ?, 'advisory', FALSE, 'WIDESPREAD', 'AMBER', 'STARTED', ?, 'csirt-user', 0)");
                        PreparedStatement vulnerability =
                                db.prepareStatement("INSERT INTO campaign_vulnerabilities (campaign_id, "
                                        + "vulnerability) VALUES (?, ?)")) {
                    for (Map.Entry<Long, List<String>> c : campaignCves.entrySet()) {
                        campaign.setLong(1, c.getKey());
                        campaign.setLong(2, campaignIncidents.get(c.getKey()));
                        campaign.setString(3, "Campaign " + c.getKey() + " " + c.getValue());
                        campaign.setObject(4, utc(campaignCreated.get(c.getKey())));
                        campaign.addBatch();
                        for (String cve : c.getValue()) {
                            vulnerability.setLong(1, c.getKey());
                            vulnerability.setString(2, cve);
                            vulnerability.addBatch();
                        }
                    }
                    campaign.executeBatch();
                    vulnerability.executeBatch();
                }
                try (PreparedStatement kase =
                        db.prepareStatement("INSERT INTO campaign_cases (id, campaign_id, site, state, path, "
                                + "round_no, deadline_round, hosts, vulnerable, reminders, awaiting_csirt, recommends_suspension, "
                                + "final_warning_at, opened_at, version) VALUES (?, ?, ?, ?, 'NORMAL', 1, 1, '', TRUE, 0, FALSE, "
                                + "FALSE, ?, ?, 0)")) {
                    for (PlannedCase c : cases) {
                        kase.setLong(1, c.id);
                        kase.setLong(2, c.campaign);
                        kase.setString(3, c.site);
                        kase.setString(4, c.state);
                        kase.setObject(5, c.finalWarningAt == null ? null : utc(c.finalWarningAt));
                        kase.setObject(6, utc(c.openedAt));
                        kase.addBatch();
                    }
                    kase.executeBatch();
                }
                try (PreparedStatement suspension =
                        db.prepareStatement("INSERT INTO suspensions (id, case_id, campaign_id, site, "
                                + "state, reason, decided_by, decided_at, countermeasure_ticket_id, status_change_id, suspended_at, "
                                + "version) VALUES (?, ?, ?, ?, ?, ?, 'coordinator-user', ?, ?, ?, ?, 0)")) {
                    for (PlannedSuspension s : suspensions) {
                        suspension.setLong(1, s.id);
                        suspension.setLong(2, s.of.id);
                        suspension.setLong(3, s.of.campaign);
                        suspension.setString(4, s.site);
                        suspension.setString(5, s.suspendedAt == null ? "REQUESTED" : "ACTIVE");
                        suspension.setString(6, s.reason);
                        suspension.setObject(7, utc(s.decidedAt));
                        suspension.setLong(8, s.countermeasure);
                        suspension.setLong(9, s.id);
                        suspension.setObject(10, s.suspendedAt == null ? null : utc(s.suspendedAt));
                        suspension.addBatch();
                    }
                    suspension.executeBatch();
                }
                try (PreparedStatement incident = db.prepareStatement("INSERT INTO incidents (ticket_id, tag, tag_day, "
                                + "tag_number, created_at, version) VALUES (?, ?, '2025-01-01', ?, '2025-01-01', 0)");
                        PreparedStatement site = db.prepareStatement(
                                "INSERT INTO incident_sites (incident_id, site, "
                                        + "investigation_id, added_at, added_by) VALUES (?, ?, ?, '2025-01-01', 'csirt-user')");
                        PreparedStatement link = db.prepareStatement(
                                "INSERT INTO ticket_links (child_id, incident_id, created_at) VALUES (?, ?, '2025-01-01')")) {
                    int number = 1;
                    for (PlannedIncident i : securityIncidents) {
                        incident.setLong(1, i.ticket);
                        incident.setString(2, i.tag);
                        incident.setInt(3, number++);
                        incident.addBatch();
                        for (Map.Entry<String, Long> s : i.sites.entrySet()) {
                            site.setLong(1, i.ticket);
                            site.setString(2, s.getKey());
                            site.setLong(3, s.getValue());
                            site.addBatch();
                            link.setLong(1, s.getValue());
                            link.setLong(2, i.ticket);
                            link.addBatch();
                        }
                    }
                    incident.executeBatch();
                    site.executeBatch();
                    link.executeBatch();
                }
                Map<String, Long> siteIds = new LinkedHashMap<>();
                statusChanges.forEach(c -> siteIds.putIfAbsent(c.site, (long) siteIds.size() + 1));
                try (PreparedStatement site = db.prepareStatement("INSERT INTO sites (id, primary_key, name, ngi, "
                                + "certification_status, confirmed_at, version) VALUES (?, ?, ?, 'NGI_XX', 'Certified', "
                                + "'2025-01-01', 0)");
                        PreparedStatement change = db.prepareStatement("INSERT INTO site_status_changes (id, site_id, "
                                + "from_status, target_status, reason, ticket_id, channel, state, requested_by, requested_at, "
                                + "submit_attempts, confirmed_at, version) VALUES (?, ?, 'CERTIFIED', ?, ?, ?, 'EMBEDDED', "
                                + "'CONFIRMED', 'coordinator-user', ?, 1, ?, 0)")) {
                    for (Map.Entry<String, Long> s : siteIds.entrySet()) {
                        site.setLong(1, s.getValue());
                        site.setString(2, "reports-it-" + s.getValue());
                        site.setString(3, s.getKey());
                        site.addBatch();
                    }
                    site.executeBatch();
                    for (PlannedStatusChange c : statusChanges) {
                        change.setLong(1, c.id);
                        change.setLong(2, siteIds.get(c.site));
                        change.setString(3, c.target);
                        change.setString(4, c.reason);
                        change.setObject(5, c.ticket);
                        change.setObject(6, utc(c.confirmedAt.minus(Duration.ofHours(1))));
                        change.setObject(7, utc(c.confirmedAt));
                        change.addBatch();
                    }
                    change.executeBatch();
                }
                try (PreparedStatement message = db.prepareStatement(
                        "INSERT INTO outbox_messages (id, dedup_key, message_id, kind, "
                                + "tlp, subject, body, state, created_at, sent_at, version) VALUES (?, ?, ?, ?, 'AMBER', 's', 'b', ?, ?, ?, 0)")) {
                    for (PlannedMessage m : messages) {
                        message.setLong(1, m.id);
                        message.setString(2, "reports-it/" + m.id);
                        message.setString(3, "<reports-it-" + m.id + "@csirt-desk.local>");
                        message.setString(4, m.kind);
                        message.setString(5, m.state);
                        message.setObject(6, utc(m.createdAt));
                        message.setObject(7, m.sentAt == null ? null : utc(m.sentAt));
                        message.addBatch();
                    }
                    message.executeBatch();
                }
                db.commit();
            }
        }

        private static LocalDateTime utc(Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
    }
}
