package org.csirtdesk.mail.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.SmtpServer;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox sending to a real SMTP server (GreenMail in this JVM, on 127.0.0.1), driven by a campaign of the embedded
 * registry's four sites through the exercise clock: the campaign's letters arrive tagged, labelled and threaded; a
 * mailbox the server refuses fails its message on the ticket; TLP:RED is refused for the lists; the server down for an
 * hour and back loses nothing and sends nothing twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailOutIT {

    static final String PAKITI_TOKEN = "pakiti-token-for-mail-out-it-0123456789";
    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the mail-out IT";
    static final String CVE = "CVE-2026-50077";
    static final String DOMAIN = "desk.csirt.example";
    static final String FROM = "csirt-desk@csirt.example";
    /** The server refuses this contact's mailbox: every letter to grid-ljubljana-uni fails for good. */
    static final String GONE = "admin@grid-ljubljana-uni.si";

    static final List<String> LISTS =
            List.of("site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu");

    /** The server the deployment sends to, started before it: a fixture of the class, not a step's finding. */
    static SmtpServer smtp;
    /** What the servers received before the one running now was started. */
    private final List<MimeMessage> earlier = new ArrayList<>();

    private long campaign;
    private long incident;
    private String headsUpId;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    /** Reads and moves the clock: the tests of roles are RoleMatrixIT's. */
    private Api everyRole;

    private Api csirt;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException, IOException {
        TestDatabase.freshApplicationDatabase();
        smtp = SmtpServer.start(Set.of(GONE));
        Path letters = Files.createDirectories(Path.of("target", "mail-out-it-letters"))
                .toAbsolutePath();
        String headsUp = Files.readString(Path.of("src/main/resources/letters/sec03-heads-up.ftl"));
        Files.writeString(
                letters.resolve("sec03-heads-up.ftl"),
                headsUp.replaceFirst("Subject: Heads-up:", "Subject: Heads-up (local wording):"));
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.site.registry", "embedded"),
                Map.entry("csirt.site.status-change", "embedded"),
                Map.entry("exercise.mode", "true"),
                Map.entry("csirt.schedule.heartbeat", "PT1S"),
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD),
                Map.entry("csirt.alerts.pakiti.token-sha256", Secrets.sha256(PAKITI_TOKEN)),
                Map.entry("csirt.mail.smtp.host", "127.0.0.1"),
                Map.entry("csirt.mail.smtp.port", String.valueOf(smtp.port())),
                Map.entry("csirt.mail.smtp.security", "none"),
                Map.entry("csirt.mail.smtp.timeout", "PT5S"),
                Map.entry("csirt.mail.send-interval", "PT1S"),
                Map.entry("csirt.mail.from", FROM),
                Map.entry("csirt.mail.message-id-domain", DOMAIN),
                Map.entry("csirt.mail.list-addresses", "csirt-all@csirt.example"),
                Map.entry("csirt.mail.templates-dir", letters.toString())));
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        everyRole = TestUsers.withRoles(admin, anonymous, TestUsers.EVERY_ROLE, TestUsers.ROLES);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
    }

    @TestFactory
    @DisplayName(
            "Mail out: a campaign's letters through a real SMTP server, one refused address and an hour of the server down, step by step")
    Stream<DynamicTest> aCampaignsLettersThroughAnSmtpServer() {
        return new Scenario()
                .step(
                        "SEC03-2.1, SEC03-2.3c: the heads-up and the advisory arrive from the outbox with its Message-ID, the tag, the TLP label once, and threaded",
                        this::lettersArriveTaggedAndThreaded)
                .step(
                        "SEC01-tlp: a TLP:RED heads-up to the lists is refused with a problem, and nothing is stored",
                        this::redNeverGoesToALists)
                .step(
                        "SEC03-2.4: each site's ticket letter arrives tagged with its ticket; the one the server refuses (5xx) fails, on its ticket",
                        this::ticketLettersAndAPermanentFailure)
                .step(
                        "SMTP down for an hour, then back: the reminders wait with their error, then go, each exactly once and threaded on its ticket",
                        this::serverDownForAnHour)
                .steps();
    }

    private void lettersArriveTaggedAndThreaded() {
        assertThat(everyRole.post("api/sites/refresh", "").status()).isIn(200, 409);
        JsonObject stored = pakiti(rows("PtujRPC", "wn01.ptujrpc.si")
                + rows("Izola MRF", "ce01.izolamrf.si")
                + rows("SSC", "ui.ssc.si")
                + rows("grid-ljubljana-uni", "ce.grid.uni-lj.si"));
        assertThat(stored.getInt("sitesVulnerable")).as(stored.toString()).isEqualTo(4);
        long report = everyRole
                .get("api/vulnerabilities/" + CVE)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();
        Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Remote root in the batch system\", \"vulnerabilities\": [\""
                        + CVE
                        + "\"], \"advisory\": \"Advisory EGI-SVG-2026-50077.\", \"recommendedAction\": \"Update to 2.4.7.\", "
                        + "\"incidentReport\": " + report + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        campaign = created.json().getJsonNumber("id").longValue();
        incident = created.json().getJsonNumber("incident").longValue();

        assertThat(csirt.post(
                                "api/campaigns/" + campaign + "/heads-up",
                                "{\"publicInformation\": \"https://nvd.nist.gov/\"}")
                        .status())
                .isEqualTo(200);
        JsonObject headsUp = sent("sec03-heads-up").get(0);
        headsUpId = headsUp.getString("messageId");
        List<MimeMessage> copies = awaitCopies(headsUpId, 2);
        MimeMessage mail = copies.get(0);
        String subject = subject(mail);
        assertThat(subject)
                .startsWith("[CSIRT #" + incident + "] Heads-up (local wording): " + CVE)
                .endsWith("[TLP:AMBER]");
        assertThat(subject.split("TLP:", -1)).hasSize(2);
        assertThat(subject.split("#" + incident, -1)).hasSize(2);
        assertThat(headsUp.getString("subject"))
                .as("GET /api/outbox shows the subject as sent")
                .isEqualTo(subject);
        assertThat(SmtpServer.header(mail, "From")).isEqualTo(FROM);
        assertThat(SmtpServer.header(mail, "To")).contains(LISTS.get(0), LISTS.get(1));
        assertThat(SmtpServer.header(mail, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(SmtpServer.header(mail, "X-CSIRT-Desk-Loop")).isEqualTo(DOMAIN);
        assertThat(SmtpServer.header(mail, "In-Reply-To")).isNull();
        assertThat(headsUp.getInt("attempts")).isEqualTo(1);
        assertThat(headsUp.getString("sentAt")).isNotBlank();

        assertThat(csirt.post("api/campaigns/" + campaign + "/start", "").status())
                .isEqualTo(200);
        JsonObject advisory = sent("sec03-advisory").get(0);
        MimeMessage advisoryMail =
                awaitCopies(advisory.getString("messageId"), 3).get(0);
        assertThat(subject(advisoryMail)).startsWith("[CSIRT #" + incident + "] Advisory " + CVE);
        assertThat(SmtpServer.header(advisoryMail, "In-Reply-To")).isEqualTo(headsUpId);
        assertThat(SmtpServer.header(advisoryMail, "References")).isEqualTo(headsUpId);
        assertThat(SmtpServer.header(advisoryMail, "Cc")).contains("noc-managers@mailman.egi.eu");
    }

    private void redNeverGoesToALists() {
        Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Embargoed\", \"vulnerabilities\": [\"CVE-2026-50078\"], "
                        + "\"advisory\": \"Embargoed until further notice.\", \"tlp\": \"RED\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long red = created.json().getJsonNumber("id").longValue();
        Answer refused = csirt.post("api/campaigns/" + red + "/heads-up", "{\"publicInformation\": \"none\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("TLP:RED", LISTS.get(0));
        assertThat(outbox("sec03-heads-up")).hasSize(1);
    }

    private void ticketLettersAndAPermanentFailure() {
        moveTo(at(everyRole.get("api/campaigns/" + campaign + "/timeline").array(), "r1/ticket"));
        List<JsonObject> letters = awaitSettled("sec03-ticket", 4);
        JsonObject refused = bySite(letters, "grid-ljubljana-uni");
        assertThat(refused.getString("state")).isEqualTo("failed");
        assertThat(refused.getInt("attempts")).isEqualTo(1);
        assertThat(refused.getString("error")).contains("550", GONE);
        assertThat(refused.containsKey("sentAt")).isFalse();
        long refusedTicket = refused.getJsonNumber("ticket").longValue();
        assertThat(everyRole.get("api/tickets/" + refusedTicket + "/history").body())
                .contains("was not delivered", "550");

        for (String site : List.of("PtujRPC", "Izola MRF", "SSC")) {
            JsonObject letter = bySite(letters, site);
            assertThat(letter.getString("state")).as(site).isEqualTo("sent");
            MimeMessage mail = awaitCopies(
                            letter.getString("messageId"),
                            letter.getJsonArray("to").size())
                    .get(0);
            assertThat(subject(mail))
                    .startsWith("[CSIRT #" + letter.getJsonNumber("ticket").longValue() + "] " + CVE + " at " + site);
            assertThat(SmtpServer.header(mail, "In-Reply-To")).isNull();
        }
        assertThat(copiesOf(refused.getString("messageId"))).isEmpty();
    }

    private void serverDownForAnHour() {
        earlier.addAll(smtp.received());
        int port = smtp.port();
        smtp.close();
        moveTo(at(everyRole.get("api/campaigns/" + campaign + "/timeline").array(), "r1/reminder-1"));
        List<JsonObject> waiting =
                awaitOutbox("sec03-reminder", 4, m -> m.getString("state").equals("retrying"));
        assertThat(waiting).allSatisfy(m -> {
            assertThat(m.getString("error")).containsIgnoringCase("connect");
            assertThat(m.getString("nextAttemptAt")).isNotBlank();
        });
        for (int quarter = 0; quarter < 4; quarter++) {
            moveTo(now().plus(Duration.ofMinutes(15)));
            Api.pause(Duration.ofSeconds(3));
        }
        assertThat(outbox("sec03-reminder")).allSatisfy(m -> {
            assertThat(m.getString("state")).isEqualTo("retrying");
            assertThat(m.getInt("attempts")).isGreaterThan(1);
        });

        smtp = SmtpServer.startOn(port, Set.of(GONE));
        moveTo(now().plus(Duration.ofHours(1)));
        List<JsonObject> reminders = awaitSettled("sec03-reminder", 4);
        assertThat(bySite(reminders, "grid-ljubljana-uni").getString("state")).isEqualTo("failed");
        for (String site : List.of("PtujRPC", "Izola MRF", "SSC")) {
            JsonObject reminder = bySite(reminders, site);
            assertThat(reminder.getString("state")).as(site).isEqualTo("sent");
            MimeMessage mail = awaitCopies(
                            reminder.getString("messageId"),
                            reminder.getJsonArray("to").size())
                    .get(0);
            String ticketLetter = bySite(outbox("sec03-ticket"), site).getString("messageId");
            assertThat(SmtpServer.header(mail, "In-Reply-To")).isEqualTo(ticketLetter);
            assertThat(SmtpServer.header(mail, "References")).contains(ticketLetter);
        }

        Api.pause(Duration.ofSeconds(3));
        List<JsonObject> all = everyRole.get("api/outbox?size=500").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(all)
                .allSatisfy(m ->
                        assertThat(m.getString("state")).as(m.getString("kind")).isIn("sent", "failed"));
        Map<String, Long> copies = received().stream()
                .collect(Collectors.groupingBy(mail -> SmtpServer.header(mail, "Message-ID"), Collectors.counting()));
        for (JsonObject message : all) {
            long expected = message.getString("state").equals("sent")
                    ? message.getJsonArray("to").size()
                            + message.getJsonArray("cc").size()
                    : 0;
            assertThat(copies.getOrDefault(message.getString("messageId"), 0L))
                    .as(message.getString("kind") + " " + message.getString("messageId"))
                    .isEqualTo(expected);
        }
        JsonObject states = everyRole.get("api/outbox/states").json();
        assertThat(states.getJsonNumber("queued").longValue()
                        + states.getJsonNumber("retrying").longValue())
                .isZero();
        assertThat(states.getJsonNumber("sent").longValue())
                .isEqualTo(all.stream()
                        .filter(m -> m.getString("state").equals("sent"))
                        .count());
    }

    private List<JsonObject> outbox(String kind) {
        return everyRole.get("api/outbox?size=500&kind=" + kind).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private List<JsonObject> awaitOutbox(String kind, int count, Predicate<JsonObject> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonObject> messages = outbox(kind);
        while ((messages.size() < count || !messages.stream().allMatch(condition)) && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(250));
            messages = outbox(kind);
        }
        assertThat(messages).as(kind + ": " + messages).hasSize(count).allMatch(condition);
        return messages;
    }

    /** The messages of a kind once none waits any more. */
    private List<JsonObject> awaitSettled(String kind, int count) {
        return awaitOutbox(
                kind,
                count,
                m -> m.getString("state").equals("sent") || m.getString("state").equals("failed"));
    }

    private List<JsonObject> sent(String kind) {
        return awaitOutbox(kind, 1, m -> m.getString("state").equals("sent"));
    }

    private List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        all.addAll(smtp.received());
        return all;
    }

    private List<MimeMessage> copiesOf(String messageId) {
        return received().stream()
                .filter(mail -> messageId.equals(SmtpServer.header(mail, "Message-ID")))
                .toList();
    }

    /** The copies of a message (one per recipient) once all arrived. */
    private List<MimeMessage> awaitCopies(String messageId, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<MimeMessage> copies = copiesOf(messageId);
        while (copies.size() < count && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(200));
            copies = copiesOf(messageId);
        }
        assertThat(copies).as(messageId).hasSize(count);
        return copies;
    }

    private static JsonObject bySite(List<JsonObject> messages, String site) {
        return messages.stream()
                .filter(m -> m.getString("subject").contains(" at " + site))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no letter for " + site + " in " + messages));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void moveTo(Instant to) {
        Answer moved = everyRole.post("api/exercise/clock", "{\"to\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private Instant now() {
        return Instant.parse(everyRole.get("api/exercise/clock").json().getString("now"));
    }

    private static Instant at(JsonArray timeline, String step) {
        return timeline.stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("step").equals(step))
                .map(e -> Instant.parse(e.getString("at")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in " + timeline));
    }

    private JsonObject pakiti(String rows) {
        Answer answer = anonymous.send(
                "POST",
                "api/alerts/pakiti",
                "text/csv",
                "tag,cve,site,host,os,arch,last_report\n" + rows,
                Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private String rows(String site, String host) {
        String seen = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        return "EGI-Critical," + CVE + "," + site + "," + host + ",\"AlmaLinux 9.3\",x86_64,\"" + seen + "\"\n";
    }
}
