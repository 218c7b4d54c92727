package org.csirtdesk.incident.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csirtdesk.incident.boundary.IncidentSteps.deadline;
import static org.csirtdesk.incident.boundary.IncidentSteps.instant;
import static org.csirtdesk.incident.boundary.IncidentSteps.moveTo;
import static org.csirtdesk.incident.boundary.IncidentSteps.now;
import static org.csirtdesk.incident.boundary.IncidentSteps.only;
import static org.csirtdesk.incident.boundary.IncidentSteps.site;
import static org.csirtdesk.incident.boundary.IncidentSteps.strings;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.csirtdesk.calendar.control.PublicHolidays;
import org.csirtdesk.calendar.entity.SiteCalendar;
import org.csirtdesk.calendar.entity.WorkingHours;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC01-deadlines through the running application on the exercise clock, counted in clock hours
 * ({@code csirt.sec01.count-in=clock-hours}; the answer in working hours): an incident with two affected sites, one
 * meeting every deadline (by mail on its Investigation and by milestones), the other missing every one. The second
 * gets a reminder before each deadline and the coordinator a letter at each miss; beats after the last step send
 * nothing again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentDeadlinesIT {

    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the deadlines IT";
    static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    static final String PROMPT = "PtujRPC";
    static final String SLOW = "SSC";
    static final String COORDINATOR = "coordinator@csirt.example";
    static final String BOUNDARY = "deadlines-it-boundary";

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api csirt;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.site.registry", "embedded"),
                Map.entry("exercise.mode", "true"),
                Map.entry("csirt.schedule.heartbeat", "PT1S"),
                // SEC01's plain hours and days, the setting for clock hours; the working hours are
                // IncidentSafeguardsIT's.
                Map.entry("csirt.sec01.count-in", "clock-hours"),
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD)));
    }

    @Test
    @DisplayName(
            "SEC01-deadlines: two sites, every deadline met by one and missed by the other: reminders, marks, letters, history; a second beat sends nothing twice")
    void oneSiteMeetsEveryDeadlineTheOtherMissesThem() throws SQLException {
        users();
        // A Monday 10:00 in Ljubljana that is a working day there (the answer's 4 working hours fit in it), weeks
        // ahead.
        WorkingHours hours = WorkingHours.parse("09:00-17:00 Mon-Fri");
        SiteCalendar slovenia =
                new SiteCalendar(LJUBLJANA, true, "SI", new PublicHolidays("SI", new String[0], Set.of()));
        LocalDate monday = LocalDate.now(LJUBLJANA).plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        while (!hours.isWorkingDay(monday, slovenia)) {
            monday = monday.plusWeeks(1);
        }
        Instant start = monday.atTime(LocalTime.of(10, 0)).atZone(LJUBLJANA).toInstant();
        moveTo(csirt, start);

        Answer opened = csirt.post(
                "api/incidents",
                "{\"title\": \"SSH keys stolen on two sites\", \"tlp\": \"AMBER\", "
                        + "\"coordinator\": \"coordinator-user\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long incident = opened.json().getJsonNumber("id").longValue();
        assertThat(csirt.post("api/sites/refresh", "").status()).isIn(200, 409);
        csirt.await("api/sites/" + SLOW, site -> site.containsKey("name"), Duration.ofSeconds(60));
        String discovered = start.minus(Duration.ofHours(1)).toString();
        long prompt = addSite(incident, PROMPT, discovered);
        long slow = addSite(incident, SLOW, discovered);

        JsonObject site = site(csirt, incident, SLOW);
        assertThat(site.getString("calendar"))
                .contains("Europe/Ljubljana (GOCDB)", "public holidays of SI", "09:00-17:00 Mon-Fri");
        assertThat(instant(deadline(site, "report"), "due")).isEqualTo(start.plus(Duration.ofHours(3)));
        assertThat(instant(deadline(site, "report"), "remindAt")).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(instant(deadline(site, "isolation"), "due")).isEqualTo(start.plus(Duration.ofHours(23)));

        // PtujRPC reports by mail at 10:10; at 10:20 the CSIRT asks both sites; PtujRPC answers at 10:30.
        moveTo(csirt, start.plus(Duration.ofMinutes(10)));
        reply(prompt, "csirt@ptujrpc.si", "We found a rootkit on ui.ptujrpc.si this morning.");
        moveTo(csirt, start.plus(Duration.ofMinutes(20)));
        for (String affected : List.of(PROMPT, SLOW)) {
            Answer request = csirt.post(
                    "api/incidents/" + incident + "/sites/" + affected + "/requests",
                    "{\"text\": \"Please send the sshd logs since the 1st.\"}");
            assertThat(request.status()).as(request.body()).isEqualTo(201);
        }
        // The exercise clock runs on from where it was put, so the request's time is read back.
        Instant asked = instant(deadline(site(csirt, incident, SLOW), "answer"), "startedAt");
        Instant answerDue = hours.plus(asked, Duration.ofHours(4), slovenia);
        assertThat(instant(deadline(site(csirt, incident, SLOW), "answer"), "due"))
                .isEqualTo(answerDue);
        assertThat(only(csirt.outbox(slow, "sec01-request")).getString("body"))
                .contains("sshd logs", "4 working hours");
        moveTo(csirt, start.plus(Duration.ofMinutes(30)));
        reply(prompt, "csirt@ptujrpc.si", "The logs are attached.");

        // PtujRPC isolates and announces its downtime; the CSIRT records both.
        moveTo(csirt, start.plus(Duration.ofMinutes(40)));
        milestone(incident, PROMPT, "isolated", null, "the site's mail: ui.ptujrpc.si is off the network");
        Answer late = csirt.post(
                "api/incidents/" + incident + "/sites/" + PROMPT + "/milestones",
                "{\"kind\": \"isolated\", \"reason\": \"again\"}");
        assertThat(late.status()).isEqualTo(409);
        Answer future = csirt.post(
                "api/incidents/" + incident + "/sites/" + PROMPT + "/milestones",
                "{\"kind\": \"downtime-announced\", \"at\": \"" + start.plus(Duration.ofDays(3))
                        + "\", \"reason\": \"soon\"}");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("at", "future");
        milestone(incident, PROMPT, "downtime-announced", null, "downtime 12345 in GOCDB");

        // SSC says nothing: a reminder before its report is due, the mark when it is.
        moveTo(csirt, start.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-reminder", 1);
        moveTo(csirt, start.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-missed", 1);
        // Its answer: reminded with one working hour left, missed at the due time.
        moveTo(csirt, hours.plus(asked, Duration.ofHours(3), slovenia).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-reminder", 2);
        moveTo(csirt, answerDue.plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-missed", 2);
        // Its isolation: reminded 4 hours before, missed a day after discovery; recorded late, it starts the
        // downtime's.
        moveTo(csirt, start.plus(Duration.ofHours(19)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-reminder", 3);
        moveTo(csirt, start.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-missed", 3);
        Instant isolated = now(csirt).truncatedTo(ChronoUnit.SECONDS);
        milestone(incident, SLOW, "isolated", isolated, "the NGI says the hosts are off the network");
        JsonObject isolation = deadline(site(csirt, incident, SLOW), "isolation");
        assertThat(isolation.getString("state")).isEqualTo("missed");
        assertThat(instant(isolation, "metAt")).isEqualTo(isolated);
        // Its downtime: reminded, missed.
        moveTo(csirt, isolated.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-reminder", 4);
        moveTo(csirt, isolated.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-missed", 4);

        // Both are resolved; PtujRPC sends its closure report the same day, SSC never does.
        Instant resolved = now(csirt);
        milestone(incident, PROMPT, "resolved", null, "hosts reinstalled");
        milestone(incident, PROMPT, "closure-report", null, "received by mail, TLP:AMBER");
        milestone(incident, SLOW, "resolved", null, "hosts reinstalled");
        Instant closureDue = resolved.atZone(LJUBLJANA).plusMonths(1).toInstant();
        moveTo(csirt, closureDue.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-reminder", 5);
        moveTo(csirt, closureDue.plus(Duration.ofMinutes(1)));
        csirt.awaitOutbox(slow, "sec01-deadline-missed", 5);

        JsonObject met = site(csirt, incident, PROMPT);
        assertThat(met.getJsonArray("deadlines").stream()
                        .map(JsonValue::asJsonObject)
                        .collect(Collectors.toMap(d -> d.getString("kind"), d -> d.getString("state"))))
                .isEqualTo(Map.of(
                        "report",
                        "met",
                        "isolation",
                        "met",
                        "downtime",
                        "met",
                        "answer",
                        "met",
                        "closure-report",
                        "met"));
        assertThat(deadline(met, "report").getString("metBy")).contains("mail from csirt@ptujrpc.si");
        assertThat(met.getJsonArray("milestones")).hasSize(4);
        JsonObject missed = site(csirt, incident, SLOW);
        assertThat(missed.getJsonArray("deadlines").stream()
                        .map(JsonValue::asJsonObject)
                        .collect(Collectors.toMap(d -> d.getString("kind"), d -> d.getString("state"))))
                .isEqualTo(Map.of(
                        "report",
                        "missed",
                        "isolation",
                        "missed",
                        "downtime",
                        "missed",
                        "answer",
                        "missed",
                        "closure-report",
                        "missed"));
        assertThat(csirt.get("api/incidents/" + incident).json().getJsonArray("affectedSites"))
                .hasSize(2);

        // The letters: reminders only to the slow site's contacts, each miss to the coordinator, nothing for PtujRPC.
        assertThat(csirt.outbox(prompt, "sec01-deadline-reminder")).isEmpty();
        assertThat(csirt.outbox(prompt, "sec01-deadline-missed")).isEmpty();
        List<JsonObject> reminders = csirt.outbox(slow, "sec01-deadline-reminder");
        assertThat(reminders)
                .allSatisfy(letter -> assertThat(strings(letter, "to")).contains("csirt@ssc.si"));
        assertThat(reminders.stream().map(letter -> letter.getString("subject")).toList())
                .anySatisfy(subject -> assertThat(subject).contains("inform the EGI CSIRT"))
                .anySatisfy(subject -> assertThat(subject).contains("answer the EGI CSIRT's request"))
                .anySatisfy(subject -> assertThat(subject).contains("closure report"));
        List<JsonObject> marks = csirt.outbox(slow, "sec01-deadline-missed");
        assertThat(marks).allSatisfy(letter -> assertThat(strings(letter, "to")).containsExactly(COORDINATOR));
        assertThat(marks.stream()
                        .map(letter ->
                                letter.getString("subject").replaceAll(".*Deadline missed at SSC: (\\S+).*", "$1"))
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("report", "answer", "isolation", "downtime", "closure-report");
        String history = csirt.get("api/tickets/" + slow + "/history").body();
        assertThat(history)
                .contains(
                        "SEC01 deadline missed: report",
                        "SEC01 deadline missed: answer to request 1",
                        "SEC01 milestone isolated");
        assertThat(csirt.get("api/tickets/" + prompt + "/history").body())
                .doesNotContain("SEC01 deadline missed")
                .contains("SEC01 milestone closure-report");

        // More beats, and a day later: nothing is sent again and no step of a deadline is left due.
        int letters = allDeadlineLetters(prompt, slow);
        Api.pause(Duration.ofSeconds(3));
        moveTo(csirt, now(csirt).plus(Duration.ofDays(1)));
        Api.pause(Duration.ofSeconds(3));
        assertThat(allDeadlineLetters(prompt, slow)).isEqualTo(letters);
        try (Connection db = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
                Statement query = db.createStatement();
                ResultSet left = query.executeQuery(
                        "SELECT COUNT(*) FROM schedule_steps WHERE owner_kind = 'incident-deadline' AND state = 'PLANNED'")) {
            assertThat(left.next()).isTrue();
            assertThat(left.getLong(1)).as("deadline steps still planned").isZero();
        }
    }

    private void users() {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt", "coordinator"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
    }

    private long addSite(long incident, String site, String discovered) {
        Answer added = csirt.post(
                "api/incidents/" + incident + "/sites",
                "{\"site\": \"" + site + "\", \"discoveredAt\": \"" + discovered
                        + "\", \"reason\": \"the same key was used\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().getJsonArray("deadlines")).hasSize(2);
        return added.json().getJsonNumber("investigation").longValue();
    }

    private void milestone(long incident, String site, String kind, Instant at, String reason) {
        Answer recorded = csirt.post(
                "api/incidents/" + incident + "/sites/" + site + "/milestones",
                "{\"kind\": \"" + kind + "\", " + (at == null ? "" : "\"at\": \"" + at + "\", ") + "\"reason\": \""
                        + reason + "\"}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
    }

    /** A mail from the site on its Investigation, through the gateway rt-mailgate posts to. */
    private void reply(long investigation, String from, String text) {
        String mail = "From: " + from + "\r\nTo: abuse@egi.eu\r\nSubject: Re: [CSIRT #" + investigation + "] news\r\n"
                + "Message-ID: <" + UUID.randomUUID()
                + "@deadlines.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + text + "\r\n";
        String form = part("queue", "investigations") + part("action", "correspond")
                + part("ticket", String.valueOf(investigation))
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"message\"; filename=\"mail.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + mail + "\r\n--" + BOUNDARY + "--\r\n";
        Answer posted = anonymous.send(
                "POST", "REST/1.0/NoAuth/mail-gateway", "multipart/form-data; boundary=" + BOUNDARY, form, Map.of());
        assertThat(posted.body()).startsWith("ok");
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private int allDeadlineLetters(long... tickets) {
        int count = 0;
        for (long ticket : tickets) {
            count += csirt.outbox(ticket, "sec01-deadline-reminder").size()
                    + csirt.outbox(ticket, "sec01-deadline-missed").size();
        }
        return count;
    }
}
