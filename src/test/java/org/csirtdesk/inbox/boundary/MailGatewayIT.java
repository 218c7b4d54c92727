package org.csirtdesk.inbox.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The real {@code rt-mailgate-5} (Debian's rt5-clients) piping the corpus of awkward mails
 * (src/test/resources/mail) into the running application, as an MTA would, with the gateway's shared secret in
 * its URL. The mails answer a campaign case's Investigation of PtujRPC, whose GOCDB contact in the embedded
 * registry is admin@ptujrpc.si; the corpus's #1001 and #1002 become real tickets. GreenMail serves the IMAP
 * mailbox that the application polls as well.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailGatewayIT {

    static final Path MAILGATE = Path.of("/usr/bin/rt-mailgate-5");
    static final String SECRET = "the mail gateway secret of the IT 0123456789";
    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the mail gateway IT";
    static final String CONTACT = "admin@ptujrpc.si";
    static final String IMAP_ADDRESS = "abuse@csirt.example";
    static final String IMAP_PASSWORD = "the IMAP password of the IT";
    static final String OUR_MAIL = "<0f3a9c2b1d4e5f60718293a4b5c6d7e8@csirt-desk.local>";

    /** What the earlier steps learnt. */
    private long caseId;

    private long investigation;
    private long otherTicket;
    private String ticketMessageId;
    /** The IMAP server and its mailbox, started before the deployment that polls it: fixtures of the class. */
    static GreenMail imap;

    static GreenMailUser imapUser;

    /** Where the letters go: sent, so that their bounces can come back. */
    static SmtpServer smtp;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    /** Reads and moves the clock: the tests of roles are RoleMatrixIT's. */
    private Api everyRole;

    private Api csirt;

    /** What rt-mailgate made of one mail: its exit code (0 delivered or refused for good, 75 try again) and its debug output. */
    record Piped(int exit, String output) {}

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        ServerSetup imaps = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAPS);
        // Its TLS start took longer than GreenMail's default 2 s on a loaded machine (the IT failed there twice).
        imaps.setServerStartupTimeout(Duration.ofSeconds(30).toMillis());
        imap = new GreenMail(imaps);
        imap.start();
        imapUser = imap.setUser(IMAP_ADDRESS, "csirt-desk", IMAP_PASSWORD);
        smtp = SmtpServer.start(Set.of());
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.mail.smtp.host", "127.0.0.1"),
                Map.entry("csirt.mail.smtp.port", String.valueOf(smtp.port())),
                Map.entry("csirt.mail.smtp.security", "none"),
                Map.entry("csirt.mail.smtp.timeout", "PT5S"),
                Map.entry("csirt.site.registry", "embedded"),
                Map.entry("csirt.mail.imap.host", "127.0.0.1"),
                Map.entry("csirt.mail.imap.port", String.valueOf(imap.getImaps().getPort())),
                Map.entry("csirt.mail.imap.user", "csirt-desk"),
                Map.entry("csirt.mail.imap.password", IMAP_PASSWORD),
                Map.entry("csirt.mail.imap.interval", "PT1S"),
                Map.entry("csirt.mail.imap.ssl-trust", "127.0.0.1"),
                Map.entry("csirt.site.status-change", "embedded"),
                Map.entry("exercise.mode", "true"),
                Map.entry("csirt.schedule.heartbeat", "PT1S"),
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD),
                Map.entry("csirt.mail.gateway.secret-sha256", Secrets.sha256(SECRET))));
    }

    @AfterAll
    static void stopImap() {
        imap.stop();
        smtp.close();
    }

    @BeforeEach
    void clients() {
        assertThat(MAILGATE)
                .as("rt5-clients is installed (./run-tests installs it)")
                .isExecutable();
        anonymous = new Api(deployment);
        TestUsers.namedAfterRoles(anonymous.as(ADMIN, PASSWORD), PASSWORD, List.of("csirt"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
        everyRole =
                TestUsers.withRoles(anonymous.as(ADMIN, PASSWORD), anonymous, TestUsers.EVERY_ROLE, TestUsers.ROLES);
    }

    @TestFactory
    @DisplayName("Mail in: the corpus of awkward mails through rt-mailgate and an IMAP mailbox, step by step")
    Stream<DynamicTest> mailInThroughTheGatewayAndImap() {
        return new Scenario()
                .step(
                        "SEC03-2.7: a reply by mail from the site's GOCDB contact is correspondence; the case waits for CSIRT's answer and CSIRT is told",
                        this::aContactsReplyIsASiteResponse)
                .step(
                        "The same mail piped twice is stored once and changes nothing the second time",
                        this::aMailPipedTwiceIsStoredOnce)
                .step(
                        "SEC03-2.7: from someone who is not a contact (threaded by In-Reply-To; an ISO-8859-1 subject) a comment for review, no state change",
                        this::othersAreCommentsForReview)
                .step(
                        "A forward of another ticket's mail goes by the outer subject's tag; its attachments are stored with type and size",
                        this::theOuterTagWins)
                .step(
                        "SEC03-2.7: an out-of-office from the contact and a bounce are recorded, never answered, never a response",
                        this::automaticMailIsRecordedOnly)
                .step(
                        "SEC01: a mail to abuse@ for no ticket opens an Incident Report, its TLP from the subject, the sender its requestor",
                        this::aMailForNoTicketOpensAReport)
                .step(
                        "Refused only on purpose, logged and counted on /metrics: a 20 MB mail over the limit, a post that is no form; the tag of a ticket that does not exist is a new Incident Report",
                        this::refusalsAreOnPurposeOnly)
                .step(
                        "Without the gateway's secret rt-mailgate is told to try again later (exit 75), and nothing is stored",
                        this::theSecretIsRequired)
                .step(
                        "Issue 18: the corpus of broken mail (src/test/resources/mail-corpus) through rt-mailgate: each mail lands where expected.tsv says, none refused",
                        this::theWholeCorpusLandsWhereExpected)
                .step(
                        "SEC03-2.7: where no MTA pipe is possible, the IMAP mailbox (IMAPS, GreenMail) is polled; a reply taken is deleted from it",
                        this::theImapMailboxIsPolled)
                .step(
                        "SEC03-2.7: a site's reply to the advisory sent to it alone, days before its ticket, opens the case's ticket and waits for CSIRT; the ticket step later uses that ticket",
                        this::aReplyToTheIndividualAdvisoryReachesTheCase)
                .step(
                        "Bounces of five MTAs (Postfix, Exim, Exchange DSNs; qmail, old Exim plain) reach the letter they return: bounced with the reason, the ticket told, the contact not reachable; a delay is no bounce",
                        this::bouncesReachTheirLetters)
                .step(
                        "SEC03-2.4: a case whose notice bounced for every contact is flagged to the CSIRT (the notice was not given) until the site is heard from",
                        this::aNoticeThatReachedNobodyIsFlagged)
                .steps();
    }

    private void aContactsReplyIsASiteResponse() throws Exception {
        openACase();
        String outlook = corpus("outlook-html.eml").replace("J.Novak@ptuj-rpc.example.si", CONTACT);

        Piped piped = mailgate("correspond", outlook);

        assertThat(piped.exit()).as(piped.output()).isZero();
        assertThat(piped.output()).contains("ok - mail #").contains("correspondence, ticket #" + investigation);
        JsonObject reply = lastHistory(investigation, "correspond");
        assertThat(reply.getString("actor")).isEqualTo("mail:" + CONTACT);
        assertThat(reply.getString("content"))
                .contains("We patched both worker nodes", "please check again")
                .doesNotContain("Failing to act", "MsoNormal");
        JsonObject c = everyRole.get("api/cases/" + caseId).json();
        assertThat(c.getBoolean("awaitingCsirt")).isTrue();
        assertThat(c.getString("siteStatement")).contains("by mail from " + CONTACT, "We patched both worker nodes");
        assertThat(everyRole.get("api/cases/" + caseId + "/events").body()).contains("site_responded");
        JsonObject told = outbox("contact-replied").get(0);
        assertThat(told.getJsonNumber("ticket").longValue()).isEqualTo(investigation);
        assertThat(told.getJsonArray("to").getString(0)).isEqualTo("csirt@csirt.example");
        assertThat(told.getString("subject")).contains("[CSIRT #" + investigation + "]");
        assertThat(told.getString("body")).contains("We patched both worker nodes");
        assertThat(storedMails("ticket_id = " + investigation + " AND disposition = 'CORRESPONDENCE'"))
                .isEqualTo(1);
    }

    private void aMailPipedTwiceIsStoredOnce() throws Exception {
        int before = history(investigation).size();
        String outlook = corpus("outlook-html.eml").replace("J.Novak@ptuj-rpc.example.si", CONTACT);

        Piped again = mailgate("correspond", outlook);

        assertThat(again.exit()).isZero();
        assertThat(again.output()).contains("ok - already received as mail #");
        assertThat(history(investigation)).hasSize(before);
        assertThat(outbox("contact-replied")).hasSize(1);
    }

    private void othersAreCommentsForReview() throws Exception {
        Answer answered =
                csirt.post("api/cases/" + caseId + "/answer", "{\"content\": \"Thanks, we will check tomorrow.\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);

        Piped apple =
                mailgate("correspond", corpus("apple-mail-alternative.eml").replace(OUR_MAIL, ticketMessageId));
        Piped latin1 = mailgate("correspond", corpus("iso-8859-1-subject.eml"));

        assertThat(apple.output()).contains("ok - mail #", "review, ticket #" + investigation);
        assertThat(latin1.output()).contains("review, ticket #" + investigation);
        List<JsonObject> comments = history(investigation).stream()
                .filter(h -> h.getString("type").equals("comment")
                        && h.getString("content", "").startsWith("For review"))
                .toList();
        assertThat(comments).hasSize(2);
        assertThat(comments.get(0).getString("content"))
                .contains("ana@ptuj-rpc.example.si", "need a downtime")
                .doesNotContain("Your site PtujRPC is vulnerable");
        assertThat(comments.get(1).getString("content"))
                .contains(
                        "R\u00e9ponse\u00a0: [CSIRT #" + investigation + "]",
                        "La mise \u00e0 jour du noyau a \u00e9t\u00e9 effectu\u00e9e");
        assertThat(everyRole.get("api/cases/" + caseId).json().getBoolean("awaitingCsirt"))
                .isFalse();
        assertThat(storedMails("needs_review")).isEqualTo(2);
    }

    private void theOuterTagWins() throws Exception {
        int otherBefore = history(otherTicket).size();
        String forward = corpus("forwarded-other-tag.eml").replace("J.Novak@ptuj-rpc.example.si", CONTACT);

        Piped piped = mailgate("correspond", forward);
        Piped thunderbird = mailgate(
                "correspond", corpus("thunderbird-attachment.eml").replace("ziga@ptuj-rpc.example.si", CONTACT));

        assertThat(piped.output()).contains("correspondence, ticket #" + investigation);
        assertThat(history(otherTicket)).hasSize(otherBefore);
        assertThat(thunderbird.output()).contains("correspondence, ticket #" + investigation);
        assertThat(lastHistory(investigation, "correspond").getString("content"))
                .contains("Attachments: porocilo-posodobitev-\u0161\u010d.pdf (application/pdf, 142 bytes)");
        try (Connection db = database();
                ResultSet rows = db.createStatement()
                        .executeQuery(
                                "SELECT a.filename, a.content_type, a.size FROM incoming_attachments a JOIN incoming_mails m ON m.id = a.mail_id "
                                        + "WHERE m.ticket_id = " + investigation + " ORDER BY a.id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("[CSIRT #" + otherTicket + "] Suspicious logins.eml");
            assertThat(rows.getString(2)).isEqualTo("message/rfc822");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo("application/pdf");
            assertThat(rows.getLong(3)).isEqualTo(142);
        }
    }

    private void automaticMailIsRecordedOnly() throws Exception {
        assertThat(csirt.post("api/cases/" + caseId + "/answer", "{\"content\": \"Noted.\"}")
                        .status())
                .isEqualTo(200);
        int outboxBefore = everyRole.get("api/outbox?size=500").array().size();
        long reportsBefore = reports();

        Piped away =
                mailgate("correspond", corpus("out-of-office.eml").replace("J.Novak@ptuj-rpc.example.si", CONTACT));
        Piped bounce = mailgate("correspond", corpus("bounce-report.eml"));

        assertThat(away.output()).contains("automatic, ticket #" + investigation);
        assertThat(bounce.output()).contains("automatic, no ticket");
        assertThat(lastHistory(investigation, "comment").getString("content"))
                .startsWith("Automatic mail, not answered and not a response (Auto-Submitted: auto-replied)");
        assertThat(everyRole.get("api/cases/" + caseId).json().getBoolean("awaitingCsirt"))
                .isFalse();
        assertThat(everyRole.get("api/outbox?size=500").array()).hasSize(outboxBefore);
        assertThat(reports()).isEqualTo(reportsBefore);
        assertThat(storedMails("disposition = 'AUTOMATIC'")).isEqualTo(2);
    }

    private void aMailForNoTicketOpensAReport() throws Exception {
        Piped piped = mailgate("correspond", corpus("new-report.eml"));

        assertThat(piped.output()).contains("new report, ticket #");
        long report = Long.parseLong(piped.output().replaceAll("(?s).*new report, ticket #(\\d+).*", "$1"));
        JsonObject ticket = everyRole.get("api/tickets/" + report).json();
        assertThat(ticket.getString("queue")).isEqualTo("incident-reports");
        assertThat(ticket.getString("tlp")).isEqualTo("GREEN");
        assertThat(ticket.getString("subject"))
                .isEqualTo("TLP:GREEN SSH brute force from 198.51.100.23 (an EGI site?)");
        assertThat(ticket.toString()).contains("soc@univ-example.org");
        assertThat(history(report).get(0).getString("content")).contains("12,000 SSH logins");
    }

    private void refusalsAreOnPurposeOnly() throws Exception {
        long stored = storedMails("1 = 1");

        Piped noTicket = mailgate(
                "correspond",
                "From: " + CONTACT + "\nSubject: Re: [CSIRT #999999] hello\n"
                        + "Message-ID: <no-such-ticket@ptujrpc.si>\n\nhello\n");
        Piped huge = mailgate("correspond", hugeMail());
        Answer urlEncoded = anonymous.send(
                "POST",
                "REST/1.0/NoAuth/mail-gateway",
                "application/x-www-form-urlencoded",
                "queue=incident-reports&action=correspond&message="
                        + java.net.URLEncoder.encode("From: a@b.example\nSubject: x\n\nhi\n", StandardCharsets.UTF_8),
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("mailgate:" + SECRET).getBytes(StandardCharsets.UTF_8))));

        assertThat(noTicket.exit()).isZero();
        assertThat(noTicket.output()).contains("ok - mail #", "new report, ticket #");
        long report = Long.parseLong(noTicket.output().replaceAll("(?s).*new report, ticket #(\\d+).*", "$1"));
        assertThat(history(report).get(0).getString("content"))
                .contains("the subject names ticket #999999, which does not exist");
        assertThat(huge.exit()).isZero();
        assertThat(huge.output()).contains("not ok - the mail is", "larger than the limit of 12582912 bytes");
        assertThat(urlEncoded.status()).isEqualTo(200);
        assertThat(urlEncoded.body())
                .startsWith("not ok - the request is application/x-www-form-urlencoded, not multipart/form-data");
        assertThat(storedMails("1 = 1")).isEqualTo(stored + 1);
        String metrics = anonymous.get("metrics").body();
        assertThat(metrics.lines().filter(line -> line.startsWith("csirt_mail_refused_total")))
                .anySatisfy(line -> assertThat(line).contains("reason=\"message-too-large\"", "channel=\"gateway\""))
                .anySatisfy(line -> assertThat(line).contains("reason=\"not-a-form\""));
        assertThat(metrics).contains("csirt_mail_received_total");
    }

    /**
     * Every mail of the corpus piped as an MTA pipes it: each answered {@code ok} and stored with the disposition,
     * ticket and unreadable mark that expected.tsv gives; the reused Message-ID a second mail, the same mail again
     * taken once; an unreadable mail downloadable raw; the owner told of each correspondence only.
     */
    private void theWholeCorpusLandsWhereExpected() throws Exception {
        int toldBefore = outbox("contact-replied").size();
        long reportsBefore = reports();
        Map<String, Long> mailIds = new java.util.HashMap<>();
        List<String[]> expected;
        try (InputStream in = MailGatewayIT.class.getResourceAsStream("/mail-corpus/expected.tsv")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .toList();
        }
        for (String[] mail : expected) {
            String file = mail[0];
            Piped piped = mailgate("correspond", brokenCorpus(file));

            assertThat(piped.exit()).as(file + ": " + piped.output()).isZero();
            assertThat(piped.output()).as(file).contains("ok - mail #").doesNotContain("not ok", "already received");
            long id = Long.parseLong(piped.output().replaceAll("(?s).*ok - mail #(\\d+).*", "$1"));
            mailIds.put(file, id);
            try (Connection db = database();
                    ResultSet row = db.createStatement()
                            .executeQuery(
                                    "SELECT disposition, ticket_id, unreadable, needs_review FROM incoming_mails WHERE id = "
                                            + id)) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).as(file).isEqualTo(mail[1]);
                if (mail[2].equals("1001")) {
                    assertThat(row.getLong(2)).as(file).isEqualTo(investigation);
                } else {
                    assertThat(everyRole
                                    .get("api/tickets/" + row.getLong(2))
                                    .json()
                                    .getString("queue"))
                            .as(file)
                            .isEqualTo("incident-reports");
                }
                assertThat(row.getString(3) != null).as(file + ": unreadable").isEqualTo(mail[3].equals("yes"));
                if (mail[3].equals("yes")) {
                    assertThat(row.getBoolean(4)).as(file + ": for review").isTrue();
                }
            }
        }

        long correspondences = expected.stream()
                .filter(mail -> mail[1].equals("CORRESPONDENCE"))
                .count();
        assertThat(outbox("contact-replied")).hasSize(toldBefore + (int) correspondences);
        assertThat(reports() - reportsBefore)
                .isEqualTo(
                        expected.stream().filter(mail -> mail[2].equals("new")).count());
        Piped again = mailgate("correspond", brokenCorpus("message-id-reused-1.eml"));
        assertThat(again.output()).contains("ok - already received as mail #" + mailIds.get("message-id-reused-1.eml"));
        try (Connection db = database();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT message_id_reused_from FROM incoming_mails WHERE id = "
                                + mailIds.get("message-id-reused-2.eml"))) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(mailIds.get("message-id-reused-1.eml"));
        }
        String histories =
                everyRole.get("api/tickets/" + investigation + "/history").body();
        assertThat(histories)
                .contains(
                        "Mise \u00e0 jour effectu\u00e9e \u2013 noyau",
                        "posodobitev kon\u010dana",
                        "Scan results \u00e9t\u00e9 2026.txt",
                        "reused: mail #" + mailIds.get("message-id-reused-1.eml"),
                        "we will reboot the CE tonight")
                .doesNotContain("\uFFFD");
        Answer raw = everyRole.get(
                "api/tickets/" + investigation + "/mails/" + mailIds.get("no-boundary-found.eml") + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).contains("Here are the logs you asked for.", "this-boundary-is-never-used");
        List<JsonObject> received = everyRole.get("api/tickets/" + investigation + "/mails").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(received)
                .filteredOn(m -> m.getJsonNumber("id").longValue() == mailIds.get("outlook-quoted-header.eml"))
                .singleElement()
                .satisfies(outlook -> {
                    assertThat(outlook.getString("text")).endsWith("Janez").doesNotContain("Failing to act");
                    assertThat(outlook.getString("quoted")).contains("Sent: Thursday", "Failing to act");
                });
        assertThat(received)
                .filteredOn(m -> m.getJsonNumber("id").longValue() == mailIds.get("no-boundary-found.eml"))
                .singleElement()
                .satisfies(unreadable ->
                        assertThat(unreadable.getString("unreadable")).contains("no part that could be told apart"));
    }

    private void aReplyToTheIndividualAdvisoryReachesTheCase() throws Exception {
        long campaign = startedCampaign("SSC", "individual", "CVE-2026-31001");
        long ssc = caseOf(campaign);
        JsonObject advisory = outbox("sec03-advisory-site").stream()
                .filter(letter -> letter.getString("cause").startsWith("sec03/case-" + ssc + "/"))
                .findFirst()
                .orElseThrow();
        assertThat(advisory.containsKey("ticket") && !advisory.isNull("ticket")).isFalse();
        int told = outbox("contact-replied").size();
        long reportsBefore = reports();
        String reply = "From: Security of SSC <csirt@ssc.si>\nTo: abuse@egi.eu\nSubject: Re: "
                + advisory.getString("subject") + "\nMessage-ID: <reply-to-advisory@ssc.si>\nIn-Reply-To: "
                + advisory.getString("messageId") + "\nReferences: " + advisory.getString("messageId")
                + "\nDate: Tue, 8 Dec 2026 10:00:00 +0100\n\nWe run no affected kernel; our nodes are on 6.1.119.\n";

        Piped piped = mailgate("correspond", reply);

        assertThat(piped.output()).contains("correspondence, ticket #");
        long ticket = Long.parseLong(piped.output().replaceAll("(?s).*correspondence, ticket #(\\d+).*", "$1"));
        JsonObject c = everyRole.get("api/cases/" + ssc).json();
        assertThat(c.getJsonNumber("ticket").longValue()).isEqualTo(ticket);
        assertThat(c.getString("state")).isEqualTo("pending");
        assertThat(c.getBoolean("awaitingCsirt")).isTrue();
        assertThat(c.getString("siteStatement")).contains("We run no affected kernel");
        JsonObject opened = everyRole.get("api/tickets/" + ticket).json();
        assertThat(opened.getString("queue")).isEqualTo("investigations");
        assertThat(opened.getString("site")).isEqualTo("SSC");
        assertThat(history(ticket).get(0).getString("content")).contains("before its case's ticket was due");
        assertThat(everyRole.get("api/cases/" + ssc + "/events").body()).contains("ticket_opened_for_reply");
        assertThat(outbox("contact-replied"))
                .as("nobody owns the new ticket: nobody to tell by mail")
                .hasSize(told);
        assertThat(reports()).as("no Incident Report for the reply").isEqualTo(reportsBefore);

        moveTo(ticketsAt(campaign).plusSeconds(60));
        JsonObject open = everyRole.await(
                "api/cases/" + ssc, found -> found.getString("state").equals("open"), Duration.ofSeconds(30));
        assertThat(open.getJsonNumber("ticket").longValue())
                .as("the ticket step used it")
                .isEqualTo(ticket);
        assertThat(history(ticket).stream().filter(h -> h.getString("type").equals("correspond")))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    private void bouncesReachTheirLetters() throws Exception {
        JsonObject letter = sentLetter(investigation);
        String recipient = letter.getJsonArray("to").getString(0);
        for (String file : List.of(
                "postfix-dsn.eml", "exim-dsn.eml", "exchange-ndr.eml", "qmail-plain.eml", "exim-plain-old.eml")) {
            Piped piped = mailgate("correspond", bounce(file, letter.getString("messageId"), recipient));

            assertThat(piped.exit()).as(file + ": " + piped.output()).isZero();
            assertThat(piped.output()).as(file).contains("automatic, ticket #" + investigation);
        }
        Piped delayed = mailgate("correspond", bounce("delayed-dsn.eml", letter.getString("messageId"), recipient));
        assertThat(delayed.exit()).isZero();

        JsonObject bounced = outboxMessage(letter.getJsonNumber("id").longValue());
        assertThat(bounced.getString("state")).isEqualTo("bounced");
        assertThat(bounced.getString("error")).startsWith("bounced: ");
        List<String> failed = bounced.getJsonArray("bounces").stream()
                .map(JsonValue::asJsonObject)
                .filter(b -> !b.isNull("recipient"))
                .map(b -> b.getString("recipient"))
                .toList();
        assertThat(failed).contains(letter.getJsonArray("to").getString(0));
        assertThat(bounced.getJsonArray("bounces")).hasSize(5);
        assertThat(lastHistory(investigation, "comment").getString("content")).startsWith("Not reachable: our letter");
        String address = letter.getJsonArray("to").getString(0);
        JsonArray unreachable = everyRole
                .get("api/outbox/unreachable?address=" + address + "&address=nobody@ssc.si")
                .array();
        assertThat(unreachable).hasSize(1);
        assertThat(unreachable.getJsonObject(0).getString("address")).isEqualTo(address);
        assertThat(everyRole
                        .get("api/outbox/unreachable?address=not-an-address")
                        .status())
                .isEqualTo(400);
        assertThat(everyRole
                        .get("api/outbox/states")
                        .json()
                        .getJsonNumber("bounced")
                        .longValue())
                .isPositive();
    }

    private void aNoticeThatReachedNobodyIsFlagged() throws Exception {
        long campaign = startedCampaign("grid-ljubljana-uni", "widespread", "CVE-2026-31002");
        long ljubljana = caseOf(campaign);
        moveTo(ticketsAt(campaign).plusSeconds(60));
        JsonObject c =
                everyRole.await("api/cases/" + ljubljana, found -> found.containsKey("ticket"), Duration.ofSeconds(30));
        long ticket = c.getJsonNumber("ticket").longValue();
        JsonObject notice = sentLetter(ticket);
        StringBuilder failures = new StringBuilder();
        for (JsonValue to : notice.getJsonArray("to")) {
            failures.append("\nFinal-Recipient: rfc822; ")
                    .append(((JsonString) to).getString())
                    .append("\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n");
        }
        String dsn = "Return-Path: <>\nFrom: MAILER-DAEMON@mx.egi.example\nTo: abuse@egi.eu\n"
                + "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <all-bounced@mx.egi.example>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\nNone of the recipients could be reached.\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.egi.example\n" + failures
                + "\n--b\nContent-Type: text/rfc822-headers\n\nMessage-ID: " + notice.getString("messageId")
                + "\n\n--b--\n";

        Piped piped = mailgate("correspond", dsn);

        assertThat(piped.output()).contains("automatic, ticket #" + ticket);
        JsonObject flagged = everyRole.get("api/cases/" + ljubljana).json();
        assertThat(flagged.getString("notReached")).contains("reached none of the site's contacts", "550 5.1.1");
        assertThat(flagged.containsKey("notReachedAt")).isTrue();
        assertThat(everyRole.get("api/cases/" + ljubljana + "/events").body()).contains("letter_bounced");
        assertThat(history(ticket).stream().map(h -> h.getString("content", "")))
                .anyMatch(text -> text.contains("The procedure's notice was not given (SEC03-2.4)"));

        String contact = notice.getJsonArray("to").getString(0);
        Piped reply = mailgate(
                "correspond",
                "From: " + contact + "\nSubject: Re: [CSIRT #" + ticket + "] the kernel\n"
                        + "Message-ID: <we-are-here@grid-ljubljana-uni.si>\n\nWe did get it by another way; patched.\n");
        assertThat(reply.output()).contains("correspondence, ticket #" + ticket);
        JsonObject heard = everyRole.get("api/cases/" + ljubljana).json();
        assertThat(heard.containsKey("notReached"))
                .as("the site was heard from")
                .isFalse();
    }

    /** A campaign for one site of the embedded registry, started: advisory sent, its case pending. */
    private long startedCampaign(String site, String scope, String cve) {
        Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Kernel use-after-free at " + site + "\", \"vulnerabilities\": [\"" + cve + "\"], "
                        + "\"advisory\": \"Advisory EGI-SVG-2024-1086.\", \"sites\": [\"" + site + "\"], \"scope\": \""
                        + scope + "\", \"recommendedAction\": \"Update the kernel and reboot.\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaign = created.json().getJsonNumber("id").longValue();
        Answer started = csirt.post("api/campaigns/" + campaign + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return campaign;
    }

    private long caseOf(long campaign) {
        return everyRole
                .get("api/campaigns/" + campaign + "/cases")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
    }

    private Instant ticketsAt(long campaign) {
        return everyRole.get("api/campaigns/" + campaign + "/timeline").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(entry -> entry.getString("step").equals("r1/ticket"))
                .map(entry -> Instant.parse(entry.getString("at")))
                .findFirst()
                .orElseThrow();
    }

    private void moveTo(Instant at) {
        Instant now = Instant.parse(everyRole.get("api/exercise/clock").json().getString("now"));
        if (at.isAfter(now)) {
            Answer moved = everyRole.post("api/exercise/clock", "{\"to\": \"" + at + "\"}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }
    }

    /** The ticket's newest letter to its site that went out by SMTP (waits for the sender). */
    /**
     * The ticket's latest SEC03 letter, once none of its letters waits to be sent: a letter sent after the one a test
     * bounces would make its recipients reachable again (the latest letter to an address decides).
     */
    private JsonObject sentLetter(long ticket) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        while (true) {
            List<JsonObject> letters = everyRole.get("api/outbox?ticket=" + ticket).array().stream()
                    .map(JsonValue::asJsonObject)
                    .toList();
            boolean waiting = letters.stream()
                    .anyMatch(m -> m.getString("state").equals("queued")
                            || m.getString("state").equals("retrying"));
            Optional<JsonObject> sent = letters.stream()
                    .filter(m -> m.getString("kind").startsWith("sec03-")
                            && m.getString("state").equals("sent"))
                    .max(Comparator.comparingLong(m -> m.getJsonNumber("id").longValue()));
            if (!waiting && sent.isPresent()) {
                return sent.get();
            }
            assertThat(Instant.now())
                    .as("a letter of ticket #" + ticket + " sent")
                    .isBefore(until);
            Thread.sleep(250);
        }
    }

    private JsonObject outboxMessage(long id) {
        return everyRole.get("api/outbox?size=500").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonNumber("id").longValue() == id)
                .findFirst()
                .orElseThrow();
    }

    /**
     * A bounce of the corpus, returning our letter of this Message-ID, its failed recipient (the first, where it
     * names several) made the letter's {@code recipient}.
     */
    private static String bounce(String name, String messageId, String recipient) throws IOException {
        try (InputStream in = MailGatewayIT.class.getResourceAsStream("/mail-corpus/bounces/" + name)) {
            String bounce = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace(OUR_MAIL, messageId);
            for (String failed : List.of(
                    "old-admin@site-a.example",
                    "admin@site-b.example",
                    "grid-admin@site-c.example",
                    "sysadmin@site-d.example",
                    "grid@site-e.example",
                    "admin@site-f.example")) {
                bounce = bounce.replace(failed, recipient);
            }
            return bounce;
        }
    }

    /** A mail of the broken corpus, with #1001 and our letter's Message-ID made real; every byte kept. */
    private String brokenCorpus(String name) throws IOException {
        try (InputStream in = MailGatewayIT.class.getResourceAsStream("/mail-corpus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("CSIRT #1001", "CSIRT #" + investigation)
                    .replace(OUR_MAIL, ticketMessageId);
        }
    }

    private void theSecretIsRequired() throws Exception {
        long stored = storedMails("1 = 1");

        Piped piped = mailgate(
                "http://127.0.0.1:" + deployment.getPort() + "/",
                "correspond",
                corpus("new-report.eml").replace("a1b2c3d4-report-0001", "without-secret"));

        assertThat(piped.exit()).isEqualTo(75);
        assertThat(piped.output()).contains("401");
        assertThat(storedMails("1 = 1")).isEqualTo(stored);
    }

    private void theImapMailboxIsPolled() throws Exception {
        assertThat(csirt.post("api/cases/" + caseId + "/answer", "{\"content\": \"Noted again.\"}")
                        .status())
                .isEqualTo(200);
        String reply =
                "From: " + CONTACT + "\nTo: " + IMAP_ADDRESS + "\nSubject: Re: [CSIRT #" + investigation + "] kernel\n"
                        + "Message-ID: <by-imap-1@ptujrpc.si>\nDate: Thu, 12 Mar 2026 17:00:00 +0100\n\nRebooted the last node by now.\n";
        imapUser.deliver(new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(reply.getBytes(StandardCharsets.US_ASCII))));

        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (storedMails("channel = 'IMAP'") == 0 && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(250));
        }

        assertThat(storedMails("channel = 'IMAP' AND disposition = 'CORRESPONDENCE'"))
                .isEqualTo(1);
        assertThat(lastHistory(investigation, "correspond").getString("content"))
                .contains("Rebooted the last node by now.");
        assertThat(everyRole.get("api/cases/" + caseId).json().getBoolean("awaitingCsirt"))
                .isTrue();
        Api.pause(Duration.ofSeconds(2));
        assertThat(imap.getManagers().getImapHostManager().getInbox(imapUser).getMessageCount())
                .isZero();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A campaign for PtujRPC, started, with the clock moved past its tickets' time: the case has its Investigation. */
    private void openACase() {
        assertThat(everyRole.post("api/sites/refresh", "").status()).isIn(200, 409);
        Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Kernel use-after-free\", \"vulnerabilities\": "
                        + "[\"CVE-2024-1086\"], \"advisory\": \"Advisory EGI-SVG-2024-1086.\", \"sites\": [\"PtujRPC\"], "
                        + "\"recommendedAction\": \"Update the kernel and reboot.\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaign = created.json().getJsonNumber("id").longValue();
        Answer started = csirt.post("api/campaigns/" + campaign + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Instant ticketsAt = everyRole.get("api/campaigns/" + campaign + "/timeline").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(entry -> entry.getString("step").equals("r1/ticket"))
                .map(entry -> Instant.parse(entry.getString("at")))
                .findFirst()
                .orElseThrow();
        Answer moved = everyRole.post("api/exercise/clock", "{\"to\": \"" + ticketsAt.plusSeconds(60) + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        caseId = everyRole
                .get("api/campaigns/" + campaign + "/cases")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        JsonObject c =
                everyRole.await("api/cases/" + caseId, found -> found.containsKey("ticket"), Duration.ofSeconds(30));
        investigation = c.getJsonNumber("ticket").longValue();
        // Its owner is told of the site's replies, at the owner's own address (issue 18, item 8).
        long version = everyRole
                .get("api/tickets/" + investigation)
                .json()
                .getJsonNumber("version")
                .longValue();
        Answer owned =
                csirt.patch("api/tickets/" + investigation, "{\"owner\": \"csirt-user\"}", "\"" + version + "\"");
        assertThat(owned.status()).as(owned.body()).isEqualTo(200);
        ticketMessageId = everyRole
                .get("api/outbox?kind=sec03-ticket")
                .array()
                .getJsonObject(0)
                .getString("messageId");
        Answer other =
                csirt.post("api/tickets", "{\"queue\": \"incident-reports\", \"subject\": \"Suspicious logins\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        otherTicket = other.json().getJsonNumber("id").longValue();
    }

    private String corpus(String name) throws IOException {
        try (InputStream in = MailGatewayIT.class.getResourceAsStream("/mail/" + name)) {
            // ISO-8859-1 both ways keeps every byte of the 8-bit mail as it is. "CSIRT_#1001" is in an encoded word.
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("CSIRT #1001", "CSIRT #" + investigation)
                    .replace("CSIRT #1002", "CSIRT #" + otherTicket)
                    .replace("CSIRT_#1001", "CSIRT_#" + investigation);
        }
    }

    /** A mail with a 20 MB attachment, made here: too large to commit, and over the default limit. */
    private static String hugeMail() {
        byte[] log = new byte[20 << 20];
        new Random(7).nextBytes(log);
        return "From: " + CONTACT + "\nSubject: the full logs\nMessage-ID: <huge@ptujrpc.si>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nAll logs attached.\n"
                + "--b\nContent-Type: application/gzip\nContent-Disposition: attachment; filename=logs.tar.gz\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(log) + "\n--b--\n";
    }

    private Piped mailgate(String action, String mail) throws IOException, InterruptedException {
        return mailgate(
                "http://mailgate:" + SECRET.replace(" ", "%20") + "@127.0.0.1:" + deployment.getPort() + "/",
                action,
                mail);
    }

    private Piped mailgate(String url, String action, String mail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        MAILGATE.toString(), "--url", url, "--queue", "incident-reports", "--action", action, "--debug")
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(mail.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("rt-mailgate finished")
                .isTrue();
        reader.join();
        return new Piped(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private List<JsonObject> history(long ticket) {
        return everyRole.get("api/tickets/" + ticket + "/history").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private JsonObject lastHistory(long ticket, String type) {
        List<JsonObject> entries = history(ticket).stream()
                .filter(h -> h.getString("type").equals(type))
                .toList();
        assertThat(entries).as(type + " on #" + ticket).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private List<JsonObject> outbox(String kind) {
        return everyRole.get("api/outbox?size=500&kind=" + kind).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private long reports() {
        return everyRole
                .get("api/tickets?queue=incident-reports&size=1")
                .json()
                .getJsonNumber("total")
                .longValue();
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                TestDatabase.url(TestDatabase.NAME), TestDatabase.USER, TestDatabase.PASSWORD);
    }

    private static long storedMails(String where) throws SQLException {
        try (Connection db = database();
                ResultSet count =
                        db.createStatement().executeQuery("SELECT COUNT(*) FROM incoming_mails WHERE " + where)) {
            count.next();
            return count.getLong(1);
        }
    }
}
