package org.csirtdesk.incident.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csirtdesk.incident.boundary.IncidentSteps.advance;
import static org.csirtdesk.incident.boundary.IncidentSteps.deadline;
import static org.csirtdesk.incident.boundary.IncidentSteps.instant;
import static org.csirtdesk.incident.boundary.IncidentSteps.moveTo;
import static org.csirtdesk.incident.boundary.IncidentSteps.now;
import static org.csirtdesk.incident.boundary.IncidentSteps.only;
import static org.csirtdesk.incident.boundary.IncidentSteps.site;
import static org.csirtdesk.incident.boundary.IncidentSteps.values;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19's SEC01 safeguards through the running application on the exercise clock, with the embedded registry (the
 * Slovenian sites of the fixtures): the victims and the reporters are never shared as indicators; a value first seen
 * in a TLP:RED text never reaches a list or an AMBER export; a site's own report to abuse@ meets its report deadline;
 * the deadlines count in the site's working hours across a night, a weekend and a holiday. The last test moves the
 * clock months ahead, so it runs last.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentSafeguardsIT {

    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the safeguards IT";
    static final String BOUNDARY = "safeguards-it-boundary";
    static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    /** SSC's site administrator in GOCDB (the fixtures' get_site_contacts). */
    static final String SSC_ADMIN = "admin@ssc.si";
    /** PtujRPC's site security officer in GOCDB. */
    static final String PTUJ_OFFICER = "Luka.Horvat@ptujrpc.si";

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
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD)));
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt", "coordinator"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
        assertThat(csirt.post("api/sites/refresh", "").status()).isIn(200, 409);
        csirt.await("api/sites/SSC", site -> site.containsKey("name"), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    @DisplayName(
            "SEC01-announce: the affected sites' domains and hosts, GOCDB's and the reporters' addresses never appear as indicators: not in the announcement, the updates, the closure, the CSV or the STIX export; shown as excluded, shareable on purpose")
    void victimsAndReportersAreNeverIndicators() {
        long report = mailToAbuse(
                "reporter@university.edu",
                "Intrusion at SSC",
                "Our colleagues at SSC (contact " + SSC_ADMIN + ", Dante.Meloni@ssc.si) say ui.ssc.si was entered over"
                        + " SSH from 198.51.100.7; the rootkit called https://www.ssc.si/favicon.ico and"
                        + " http://evil-c2.example.net/l.sh. wn01.ptujrpc.si was scanned too. Reply to"
                        + " reporter@university.edu or abuse@egi.eu.");
        JsonObject triage =
                csirt.get("api/incident-reports/" + report + "/triage").json();
        assertThat(values(triage.getJsonArray("indicators")))
                .contains("198.51.100.7", "evil-c2.example.net", "http://evil-c2.example.net/l.sh")
                .noneMatch(IncidentSafeguardsIT::namesAVictimOrReporter);
        assertThat(values(triage.getJsonArray("excluded")))
                .contains(
                        "ui.ssc.si",
                        "https://www.ssc.si/favicon.ico",
                        SSC_ADMIN,
                        "dante.meloni@ssc.si",
                        "wn01.ptujrpc.si",
                        "reporter@university.edu",
                        "abuse@egi.eu");
        assertThat(triage.getJsonArray("excluded").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(value -> value.getString("value").equals("ui.ssc.si"))
                        .findFirst()
                        .orElseThrow()
                        .getString("excluded"))
                .contains("domain of a site", "ssc.si");

        long incident = newIncident(report, "SSH intrusion with a rootkit");
        addSite(incident, "SSC", now(csirt).minus(Duration.ofHours(1)));
        announce(incident, "announcement", "Two hosts were entered over SSH.", null);
        announce(incident, "update", "The rootkit is known.", null);
        assertThat(csirt.get("api/tickets/" + incident + "/indicators").array().stream()
                        .map(value -> value.asJsonObject().getString("value"))
                        .toList())
                .contains("198.51.100.7")
                .noneMatch(IncidentSafeguardsIT::namesAVictimOrReporter);
        String csv = csirt.get("api/incidents/" + incident + "/indicators.csv").body();
        String stix =
                csirt.get("api/incidents/" + incident + "/indicators.stix.json").body();
        assertThat(csv).contains("198.51.100.7", "evil-c2.example.net");
        assertThat(stix).contains("[ipv4-addr:value = '198.51.100.7']");
        for (String export : List.of(csv, stix)) {
            assertThat(export).doesNotContain("ssc.si", "ptujrpc.si", "university.edu", "egi.eu");
        }
        Answer closed = csirt.post(
                "api/incidents/" + incident + "/closure",
                "{\"report\": \"Both hosts were reinstalled; the keys are revoked.\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        List<JsonObject> letters = List.of(
                only(csirt.outbox(incident, "sec01-announcement")),
                only(csirt.outbox(incident, "sec01-update")),
                only(csirt.outbox(incident, "sec01-closure")));
        for (JsonObject letter : letters) {
            assertThat(letter.getString("body"))
                    .contains("198.51.100.7", "evil-c2.example.net")
                    .doesNotContain("ssc.si", "ptujrpc.si", "university.edu");
        }

        // A person may still share a victim's value on purpose: then it is an indicator like any other.
        Answer shared = csirt.post(
                "api/tickets/" + incident + "/indicators",
                "{\"type\": \"domain\", \"value\": \"ui.ssc.si\", \"note\": \"the C2 ran there\"}");
        assertThat(shared.status()).as(shared.body()).isIn(200, 201);
        assertThat(csirt.get("api/incidents/" + incident + "/indicators.csv").body())
                .contains("ui.ssc.si");
    }

    @Test
    @Order(2)
    @DisplayName(
            "SEC01-tlp: a value first seen in TLP:RED (a RED update to a named person, a RED report, a comment labelled RED) never reaches a list, an AMBER letter or an AMBER export; the RED export marks it RED")
    void nothingFirstSeenInRedReachesAList() {
        Answer opened = csirt.post(
                "api/incidents",
                "{\"title\": \"Stolen tokens\", \"tlp\": \"AMBER\", \"coordinator\": \"coordinator-user\", "
                        + "\"description\": \"Tokens were used from 203.0.113.5.\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long incident = opened.json().getJsonNumber("id").longValue();
        // A report whose sender marked it RED, linked to the incident. (A value it shared with the AMBER description
        // would be RED from then on: the strictest text it appears in decides.)
        long red = mailToAbuse(
                "analyst@partner.org",
                "[TLP:RED] Tokens used against us",
                "Our internal host 192.0.2.66 (vault.partner.org) was entered with a stolen token.");
        Answer linked = csirt.post(
                "api/incident-reports/" + red + "/triage",
                "{\"decision\": \"link\", \"incident\": " + incident + ", \"reason\": \"the same address\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        // A report triaged as AMBER and made RED afterwards: what it brought is RED from then on.
        long later = mailToAbuse(
                "another.analyst@partner.org", "Tokens again", "The tokens were also tried from 192.0.2.88.");
        Answer joined = csirt.post(
                "api/incident-reports/" + later + "/triage",
                "{\"decision\": \"link\", \"incident\": " + incident + ", \"reason\": \"the same tokens\"}");
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        assertThat(csirt.get("api/incidents/" + incident + "/indicators.csv").body())
                .contains("192.0.2.88,TLP:AMBER");
        Answer report = csirt.get("api/tickets/" + later);
        Answer madeRed = csirt.patch("api/tickets/" + later, "{\"tlp\": \"RED\"}", report.header("ETag"));
        assertThat(madeRed.status()).as(madeRed.body()).isEqualTo(200);
        // A comment on the incident labelled RED, and a RED update to a named person.
        Answer comment = csirt.post(
                "api/tickets/" + incident + "/comments",
                "{\"content\": \"TLP:RED from the partner's forensics: also 192.0.2.77.\"}");
        assertThat(comment.status()).as(comment.body()).isIn(200, 201);
        announce(
                incident,
                "update",
                "For you only: the tokens came from exfil.example.com and 192.0.2.99.",
                "{\"tlp\": \"RED\", \"to\": [\"named.person@partner.org\"]}");
        // An AMBER update to the lists, then the exports.
        announce(incident, "update", "The tokens are revoked.", null);
        List<String> redValues = List.of(
                "192.0.2.88",
                "192.0.2.66",
                "vault.partner.org",
                "192.0.2.77",
                "exfil.example.com",
                "192.0.2.99",
                "named.person@partner.org",
                "analyst@partner.org");
        JsonObject amberUpdate = csirt.outbox(incident, "sec01-update").stream()
                .filter(letter -> letter.getString("body").contains("The tokens are revoked."))
                .findFirst()
                .orElseThrow();
        assertThat(amberUpdate.getString("body")).contains("203.0.113.5");
        String csv = csirt.get("api/incidents/" + incident + "/indicators.csv").body();
        String stix =
                csirt.get("api/incidents/" + incident + "/indicators.stix.json").body();
        String green = csirt.get("api/incidents/" + incident + "/indicators.csv?tlp=GREEN")
                .body();
        assertThat(csv).contains("203.0.113.5,TLP:AMBER");
        for (String value : redValues) {
            assertThat(amberUpdate.getString("body")).doesNotContain(value);
            assertThat(csv).doesNotContain(value);
            assertThat(stix).doesNotContain(value);
            assertThat(green).doesNotContain(value);
        }
        assertThat(stix).doesNotContain("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
        assertThat(green).doesNotContain("203.0.113.5");
        Answer closed = csirt.post("api/incidents/" + incident + "/closure", "{\"report\": \"Closed.\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        String closure = only(csirt.outbox(incident, "sec01-closure")).getString("body");
        assertThat(closure).contains("203.0.113.5");
        redValues.forEach(value -> assertThat(closure).doesNotContain(value));

        // The RED export, for named recipients, has them, each marked RED; the AMBER value stays AMBER.
        JsonObject redBundle = Json.createReader(
                        new StringReader(csirt.get("api/incidents/" + incident + "/indicators.stix.json?tlp=RED")
                                .body()))
                .readObject();
        Map<String, String> markings = new java.util.HashMap<>();
        redBundle.getJsonArray("objects").stream()
                .map(JsonValue::asJsonObject)
                .filter(object -> object.getString("type").equals("indicator"))
                .forEach(object -> markings.put(
                        object.getString("name"),
                        object.getJsonArray("object_marking_refs").getString(0)));
        assertThat(markings)
                .containsEntry("ipv4 192.0.2.99", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")
                .containsEntry("ipv4 192.0.2.66", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")
                .containsEntry("ipv4 192.0.2.77", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")
                .containsEntry("ipv4 192.0.2.88", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")
                .containsEntry("ipv4 203.0.113.5", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
        assertThat(markings.keySet()).noneMatch(name -> name.contains("named.person"));
    }

    @Test
    @Order(3)
    @DisplayName(
            "SEC01-deadlines: a site's own report to abuse@ meets its report deadline at the report's time, no reminder, no miss; its closure report by mail meets the closure report; its isolation is recorded from its mail in one action")
    void aSitesOwnReportMeetsItsReportDeadline() {
        Instant reported = now(csirt);
        long report = mailToAbuse(
                SSC_ADMIN, "Rootkit on one of our hosts", "We found a rootkit; the intruder came from 198.51.100.44.");
        long incident = newIncident(report, "Rootkit at SSC");
        advance(csirt, "PT30M");
        long ssc = addSite(incident, "SSC", reported.minus(Duration.ofMinutes(30)));
        long ptuj = addSite(incident, "PtujRPC", reported.minus(Duration.ofMinutes(30)));
        JsonObject sscReport = deadline(site(csirt, incident, "SSC"), "report");
        assertThat(sscReport.getString("state")).isEqualTo("met");
        assertThat(Duration.between(reported, Instant.parse(sscReport.getString("metAt"))))
                .isBetween(Duration.ZERO, Duration.ofMinutes(5));
        assertThat(sscReport.getString("metBy")).contains("own report", "#" + report, SSC_ADMIN);
        assertThat(deadline(site(csirt, incident, "PtujRPC"), "report").getString("state"))
                .isEqualTo("pending");

        // PtujRPC's officer reports too, later; triaged into the incident, it meets PtujRPC's deadline.
        long second = mailToAbuse(PTUJ_OFFICER, "Same rootkit here", "Also from 198.51.100.44.");
        Answer linked = csirt.post(
                "api/incident-reports/" + second + "/triage",
                "{\"decision\": \"link\", \"incident\": " + incident + ", \"reason\": \"same intruder\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(deadline(site(csirt, incident, "PtujRPC"), "report").getString("metBy"))
                .contains("#" + second);

        // SSC's mail says it isolated the hosts; the CSIRT records that from the mail in one action.
        advance(csirt, "PT1H");
        Instant mailed = now(csirt);
        reply(ssc, SSC_ADMIN, "Both hosts are off the network since this morning.");
        long mail = csirt.get("api/tickets/" + ssc + "/history").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(entry -> entry.getString("type").equalsIgnoreCase("correspond")
                        && String.valueOf(entry.get("content")).contains("off the network"))
                .mapToLong(entry -> entry.getJsonNumber("id").longValue())
                .max()
                .orElseThrow();
        Answer isolated = csirt.post(
                "api/incidents/" + incident + "/sites/SSC/milestones",
                "{\"kind\": \"isolated\", \"mail\": " + mail + "}");
        assertThat(isolated.status()).as(isolated.body()).isEqualTo(200);
        JsonObject isolation = deadline(isolated.json(), "isolation");
        assertThat(isolation.getString("state")).isEqualTo("met");
        assertThat(Duration.between(mailed, Instant.parse(isolation.getString("metAt"))))
                .isBetween(Duration.ZERO, Duration.ofMinutes(5));
        Answer wrongMail = csirt.post(
                "api/incidents/" + incident + "/sites/PtujRPC/milestones",
                "{\"kind\": \"isolated\", \"mail\": " + mail + "}");
        assertThat(wrongMail.status()).isEqualTo(400);
        assertThat(wrongMail.body()).contains("mail");

        // Resolved, SSC mails its closure report: the milestone is met by it.
        Answer resolved = csirt.post(
                "api/incidents/" + incident + "/sites/SSC/milestones",
                "{\"kind\": \"resolved\", \"reason\": \"hosts reinstalled\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        advance(csirt, "PT2H");
        reply(ssc, SSC_ADMIN, "Our closure report: the intruder used a stolen key; all keys are revoked.");
        JsonObject closure = deadline(site(csirt, incident, "SSC"), "closure-report");
        assertThat(closure.getString("state")).isEqualTo("met");
        assertThat(closure.getString("metBy")).contains("closure-report");
        assertThat(csirt.outbox(ssc, "sec01-deadline-missed")).isEmpty();
        assertThat(csirt.outbox(ptuj, "sec01-deadline-missed")).isEmpty();
        assertThat(csirt.outbox(ssc, "sec01-deadline-reminder"))
                .as("no reminder to report what the site reported")
                .noneMatch(letter -> letter.getString("body").contains("inform the EGI CSIRT"));
    }

    @Test
    @Order(4)
    @DisplayName(
            "SEC01-deadlines: every deadline counts in the site's working hours: across a night, a weekend, Easter Monday (a Slovenian holiday) and the change to summer time")
    void deadlinesCountInTheSitesWorkingHours() {
        // Friday 26 March 2027, 15:00 in Ljubljana; Monday 29 March is Easter Monday, a holiday in Slovenia; the
        // clocks go forward on Sunday 28 March.
        Instant discovered = local(2027, 3, 26, 15, 0);
        moveTo(csirt, local(2027, 3, 26, 15, 30));
        Answer opened = csirt.post(
                "api/incidents",
                "{\"title\": \"Cryptominer at SSC\", \"tlp\": \"AMBER\", \"coordinator\": \"coordinator-user\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long incident = opened.json().getJsonNumber("id").longValue();
        long ssc = addSite(incident, "SSC", discovered);
        JsonObject site = site(csirt, incident, "SSC");
        assertThat(site.getString("calendar")).contains("Europe/Ljubljana", "SI");
        // 4 working hours: Friday 15:00-17:00, then Tuesday 09:00-11:00.
        assertThat(instant(deadline(site, "report"), "due")).isEqualTo(local(2027, 3, 30, 11, 0));
        assertThat(instant(deadline(site, "report"), "remindAt")).isEqualTo(local(2027, 3, 30, 10, 0));
        // A working day, 8 working hours: Friday 2, Tuesday 6.
        assertThat(instant(deadline(site, "isolation"), "due")).isEqualTo(local(2027, 3, 30, 15, 0));

        // Nothing is missed over the weekend and the holiday.
        moveTo(csirt, local(2027, 3, 29, 20, 0));
        Api.pause(Duration.ofSeconds(3));
        assertThat(csirt.outbox(ssc, "sec01-deadline-missed")).isEmpty();
        // On Tuesday at 11:01 the report is missed.
        moveTo(csirt, local(2027, 3, 30, 11, 1));
        csirt.awaitOutbox(ssc, "sec01-deadline-missed", 1);

        // Isolated on Tuesday at 14:00: the downtime is due a working day later, Wednesday 14:00, across the night.
        moveTo(csirt, local(2027, 3, 30, 14, 5));
        Answer isolated = csirt.post(
                "api/incidents/" + incident + "/sites/SSC/milestones",
                "{\"kind\": \"isolated\", \"at\": \"" + local(2027, 3, 30, 14, 0) + "\", \"reason\": \"phoned\"}");
        assertThat(isolated.status()).as(isolated.body()).isEqualTo(200);
        assertThat(instant(deadline(isolated.json(), "downtime"), "due")).isEqualTo(local(2027, 3, 31, 14, 0));

        // Resolved on Wednesday evening: the month counts from Thursday 09:00 and ends on Saturday 1 May, a holiday,
        // so the closure report is due when work starts again, on Monday 3 May at 09:00.
        moveTo(csirt, local(2027, 3, 31, 18, 30));
        Answer resolved = csirt.post(
                "api/incidents/" + incident + "/sites/SSC/milestones",
                "{\"kind\": \"resolved\", \"at\": \"" + local(2027, 3, 31, 18, 0) + "\", \"reason\": \"reinstalled\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(instant(deadline(resolved.json(), "closure-report"), "due")).isEqualTo(local(2027, 5, 3, 9, 0));
    }

    /** A value that names a victim site or a reporter, which must never be shared by default. */
    private static boolean namesAVictimOrReporter(String value) {
        return value.contains("ssc.si")
                || value.contains("ptujrpc.si")
                || value.contains("university.edu")
                || value.contains("egi.eu");
    }

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute)
                .atZone(LJUBLJANA)
                .toInstant();
    }

    /** A mail to abuse@ about no ticket, through the gateway rt-mailgate posts to: a new Incident Report. */
    private long mailToAbuse(String from, String subject, String text) {
        String id = UUID.randomUUID().toString();
        String answer =
                post(mail(from, subject, id, text), part("queue", "incident-reports") + part("action", "correspond"));
        Matcher report = Pattern.compile("new report, ticket #(\\d+)").matcher(answer);
        assertThat(report.find()).as(answer).isTrue();
        return Long.parseLong(report.group(1));
    }

    /** A mail from the site on its Investigation. */
    private void reply(long investigation, String from, String text) {
        post(
                mail(
                        from,
                        "Re: [CSIRT #" + investigation + "] news",
                        UUID.randomUUID().toString(),
                        text),
                part("queue", "investigations")
                        + part("action", "correspond")
                        + part("ticket", String.valueOf(investigation)));
    }

    private static String mail(String from, String subject, String id, String text) {
        return "From: " + from + "\r\nTo: abuse@egi.eu\r\nSubject: " + subject + "\r\nMessage-ID: <" + id
                + "@safeguards.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n";
    }

    private String post(String mail, String parts) {
        String form = parts + "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"message\"; filename=\"mail.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + mail + "\r\n--" + BOUNDARY + "--\r\n";
        Answer posted = anonymous.send(
                "POST", "REST/1.0/NoAuth/mail-gateway", "multipart/form-data; boundary=" + BOUNDARY, form, Map.of());
        assertThat(posted.body()).startsWith("ok");
        return posted.body();
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private long newIncident(long report, String title) {
        Answer opened = csirt.post(
                "api/incident-reports/" + report + "/triage",
                "{\"decision\": \"new\", \"title\": \"" + title + "\", \"tlp\": \"AMBER\", "
                        + "\"coordinator\": \"coordinator-user\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        return opened.json().getJsonObject("incident").getJsonNumber("id").longValue();
    }

    private long addSite(long incident, String site, Instant discovered) {
        Answer added = csirt.post(
                "api/incidents/" + incident + "/sites",
                "{\"site\": \"" + site + "\", \"discoveredAt\": \"" + discovered + "\", \"reason\": \"affected\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().getJsonNumber("investigation").longValue();
    }

    private void announce(long incident, String kind, String text, String more) {
        JsonObject extra = more == null
                ? JsonValue.EMPTY_JSON_OBJECT
                : Json.createReader(new StringReader(more)).readObject();
        Answer sent = csirt.post(
                "api/incidents/" + incident + "/announcements",
                Json.createObjectBuilder(extra)
                        .add("kind", kind)
                        .add("text", text)
                        .build()
                        .toString());
        assertThat(sent.status()).as(sent.body()).isIn(200, 201);
    }
}
