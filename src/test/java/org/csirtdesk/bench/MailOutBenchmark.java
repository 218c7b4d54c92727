package org.csirtdesk.bench;

import static org.csirtdesk.bench.Measuring.send;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.SmtpServer;
import org.csirtdesk.support.TestUsers;

/**
 * The outbox sender's figure (see bench/mail-out): 10,000 queued messages, 10 on each of 1,000 tickets (so each is
 * threaded on its ticket's earlier ones), each to 2 addresses with 1 in Cc and a 1.5 KB plain-text letter, written in one
 * transaction by JDBC while the application runs; timed from that commit until the outbox has nothing waiting and
 * GreenMail (in this JVM, on 127.0.0.1) has every copy. The baseline, in the same run: the same number of messages
 * sent by plain Jakarta Mail from this JVM over one connection, no database.
 */
public final class MailOutBenchmark {

    private static final int TICKETS = 1_000;
    private static final int PER_TICKET = 10;
    private static final int MESSAGES = TICKETS * PER_TICKET;
    private static final int RECIPIENTS = 3;
    private static final Duration LONGEST = Duration.ofMinutes(5);
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");
    private static final String LETTER =
            ("Dear administrators and security contacts of SITE,\n\nmonitoring shows your site "
                                    + "vulnerable to CVE-2026-1234. Please update the affected packages and restart the services that use "
                                    + "them.\n\n")
                            .repeat(6)
                    + "EGI CSIRT\n";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        new MailOutBenchmark()
                .run(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3], args[4], Integer.parseInt(args[5]));
    }

    private void run(Path root, int port, String dbUrl, String dbUser, String dbPassword, int workers)
            throws Exception {
        System.out.println("| measure | result | baseline in the same run | target |");
        System.out.println("|---|---|---|---|");
        long baseline;
        try (SmtpServer smtp = SmtpServer.start(Set.of())) {
            baseline = plainJakartaMail(smtp.port());
        }
        try (SmtpServer smtp = SmtpServer.start(Set.of())) {
            ApplicationProcess application = ApplicationProcess.start(
                    root,
                    port,
                    root.resolve("target/bench/mail-out-run.log"),
                    Map.ofEntries(
                            Map.entry("DB_URL", dbUrl),
                            Map.entry("DB_USER", dbUser),
                            Map.entry("DB_PASSWORD", dbPassword),
                            Map.entry("CSIRT_SITE_REGISTRY", "embedded"),
                            Map.entry("CSIRT_SITE_STATUS_CHANGE", "embedded"),
                            Map.entry("CSIRT_MAIL_SMTP_HOST", "127.0.0.1"),
                            Map.entry("CSIRT_MAIL_SMTP_PORT", String.valueOf(smtp.port())),
                            Map.entry("CSIRT_MAIL_SMTP_SECURITY", "none"),
                            Map.entry("CSIRT_MAIL_SEND_INTERVAL", "PT1S"),
                            Map.entry("CSIRT_MAIL_WORKERS", String.valueOf(workers))));
            try {
                TestUsers.everyRole(new Api(application.url()));
                long firstTicket = tickets(application.url());
                Instant committed = queue(dbUrl, dbUser, dbPassword, firstTicket);
                long drained = awaitDrained(application.url(), smtp, committed);
                double perSecond = MESSAGES * 1000.0 / drained;
                row(
                        "10,000 queued messages (1,000 tickets x 10, threaded; 3 recipients each) drained to GreenMail, "
                                + workers + " workers, batches of 50, a round every second",
                        String.format(Locale.ROOT, "%.1f s (%.0f messages/s)", drained / 1000.0, perSecond),
                        String.format(
                                Locale.ROOT,
                                "plain Jakarta Mail, one connection, no database: %.1f s (%.0f messages/s)",
                                baseline / 1000.0,
                                MESSAGES * 1000.0 / baseline),
                        "< 60 s");
            } finally {
                application.stop();
            }
        }
    }

    /** The tickets the messages belong to, created through the API; answers the first one's id. */
    private long tickets(URI app) {
        long first = -1;
        for (int i = 0; i < TICKETS; i++) {
            HttpResponse<String> created = send(
                    http,
                    HttpRequest.newBuilder(app.resolve("api/tickets"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", Api.basic(TestUsers.EVERY_ROLE, TestUsers.PASSWORD))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"queue\": \"incident-reports\", \"subject\": \"Bench " + i + "\"}"))
                            .build());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("ticket creation: " + created.statusCode() + " " + created.body());
            }
            if (first < 0) {
                Matcher id = NUMBER.matcher(created.body());
                while (id.find()) {
                    if (id.group(1).equals("id")) {
                        first = Long.parseLong(id.group(2));
                    }
                }
            }
        }
        return first;
    }

    /** The rows the procedure would write, in one transaction; answers the time of its commit. */
    private static Instant queue(String dbUrl, String user, String password, long firstTicket) throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, user, password)) {
            db.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement message =
                            db.prepareStatement("INSERT INTO outbox_messages (id, dedup_key, message_id, "
                                    + "kind, ticket_id, tlp, subject, body, state, created_at, version, attempts, next_attempt_at) "
                                    + "VALUES (?, ?, ?, 'bench-letter', ?, 'AMBER', ?, ?, 'QUEUED', ?, 0, 0, ?)");
                    PreparedStatement recipient = db.prepareStatement(
                            "INSERT INTO outbox_recipients (message_id, kind, email) VALUES (?, ?, ?)")) {
                for (int round = 0; round < PER_TICKET; round++) {
                    for (int t = 0; t < TICKETS; t++) {
                        long id = 1 + (long) round * TICKETS + t;
                        long ticket = firstTicket + t;
                        message.setLong(1, id);
                        message.setString(2, "bench/" + id);
                        message.setString(3, "<bench-" + id + "@csirt-desk.local>");
                        message.setLong(4, ticket);
                        message.setString(5, "CVE-2026-1234 at SITE-" + t + ": letter " + (round + 1) + " [TLP:AMBER]");
                        message.setString(6, LETTER.replace("SITE", "SITE-" + t));
                        message.setTimestamp(7, now);
                        message.setTimestamp(8, now);
                        message.addBatch();
                        for (int r = 0; r < RECIPIENTS; r++) {
                            recipient.setLong(1, id);
                            recipient.setString(2, r == RECIPIENTS - 1 ? "CC" : "TO");
                            recipient.setString(3, "contact-" + r + "@site-" + t + ".example");
                            recipient.addBatch();
                        }
                    }
                    message.executeBatch();
                    recipient.executeBatch();
                }
            }
            db.commit();
            return Instant.now();
        }
    }

    /** Milliseconds from the commit until nothing waits in the outbox and every copy is at GreenMail. */
    private long awaitDrained(URI app, SmtpServer smtp, Instant committed) throws InterruptedException {
        Instant until = committed.plus(LONGEST);
        while (Instant.now().isBefore(until)) {
            String states = send(
                            http,
                            HttpRequest.newBuilder(app.resolve("api/outbox/states"))
                                    .header("Authorization", Api.basic(TestUsers.EVERY_ROLE, TestUsers.PASSWORD))
                                    .build())
                    .body();
            Map<String, Long> counts = counts(states);
            if (counts.get("queued") + counts.get("retrying") == 0
                    && smtp.received().size() >= MESSAGES * RECIPIENTS) {
                long millis = Duration.between(committed, Instant.now()).toMillis();
                if (counts.get("sent") != MESSAGES || counts.get("failed") != 0) {
                    throw new IllegalStateException("not all sent: " + states);
                }
                return millis;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the outbox did not drain in " + LONGEST);
    }

    private static Map<String, Long> counts(String json) {
        Map<String, Long> counts = new HashMap<>();
        Matcher number = NUMBER.matcher(json);
        while (number.find()) {
            counts.put(number.group(1), Long.parseLong(number.group(2)));
        }
        return counts;
    }

    /** The same messages by plain Jakarta Mail over one connection: what the SMTP server and the client cost alone. */
    private static long plainJakartaMail(int port) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < MESSAGES; i++) {
                MimeMessage mail = new MimeMessage(session);
                mail.setFrom(new InternetAddress("abuse@egi.eu"));
                mail.setRecipients(Message.RecipientType.TO, "contact-0@site.example, contact-1@site.example");
                mail.setRecipients(Message.RecipientType.CC, "contact-2@site.example");
                mail.setSubject("CVE-2026-1234 at SITE: letter " + i);
                mail.setText(LETTER, "UTF-8");
                mail.saveChanges();
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void row(String measure, String result, String baseline, String target) {
        System.out.println("| " + measure + " | **" + result + "** | " + baseline + " | " + target + " |");
    }
}
