package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.csirtdesk.mail.entity.MailHeaders;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingAttachment;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mail of an outbox row, as it goes on the wire. */
class ComposerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String PASSPHRASE = "the CSIRT's passphrase";
    private final Session session = Session.getInstance(new Properties());

    @TempDir
    Path folder;

    private static Composer composer(Optional<String> keyFile) {
        Composer composer = new Composer();
        composer.from = Optional.of("EGI CSIRT <abuse@egi.eu>");
        composer.keyFile = keyFile;
        composer.passphrase = Optional.of(PASSPHRASE);
        composer.configure();
        return composer;
    }

    private static OutboxMessage row() {
        return new OutboxMessage(
                new OutgoingMessage(
                        "case-1/reminder-2",
                        "sec03-reminder",
                        42L,
                        Tlp.AMBER,
                        List.of("admin@site.example", "csirt@site.example"),
                        List.of("ngi@ngi.example"),
                        "Reminder: CVE-2026-1 at SITE, deadline Tuesday [TLP:AMBER]",
                        "Dear administrators, ü.\n"),
                "<0f1e2d3c@desk.csirt.example>",
                OutboxMessage.Channel.SMTP,
                AT);
    }

    private static MimeMessage onTheWire(MimeMessage mail, Session session) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        mail.writeTo(wire);
        return new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
    }

    @Test
    @DisplayName("the row's Message-ID survives saving; tag, thread, Auto-Submitted and the loop header are set")
    void headers() throws Exception {
        OutboxMessage row = row();
        MailHeaders headers = MailHeaders.of(row, List.of("<first@x>", "<second@x>"), "CSIRT", "desk.csirt.example");
        MimeMessage mail = onTheWire(composer(Optional.empty()).compose(session, row, headers, AT), session);
        assertThat(mail.getMessageID()).isEqualTo("<0f1e2d3c@desk.csirt.example>");
        assertThat(mail.getSubject())
                .isEqualTo("[CSIRT #42] Reminder: CVE-2026-1 at SITE, deadline Tuesday [TLP:AMBER]");
        assertThat(mail.getHeader("From", ",")).isEqualTo("EGI CSIRT <abuse@egi.eu>");
        assertThat(mail.getHeader("To", ",")).contains("admin@site.example", "csirt@site.example");
        assertThat(mail.getHeader("Cc", ",")).isEqualTo("ngi@ngi.example");
        assertThat(mail.getHeader("In-Reply-To", ",")).isEqualTo("<second@x>");
        assertThat(mail.getHeader("References", ",")).isEqualTo("<first@x> <second@x>");
        assertThat(mail.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(mail.getHeader(MailHeaders.LOOP, ",")).isEqualTo("desk.csirt.example");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(AT);
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) mail.getContent()).strip()).isEqualTo("Dear administrators, ü.");
    }

    @Test
    @DisplayName("a person's reply on a ticket carries no Auto-Submitted; a non-ASCII display name is RFC 2047-encoded")
    void personsReplyAndEncodedName() throws Exception {
        Composer composer = new Composer();
        composer.from = Optional.of("Équipe CSIRT Ljubljana – Žiga <abuse@egi.eu>");
        composer.keyFile = Optional.empty();
        composer.passphrase = Optional.empty();
        composer.configure();
        OutboxMessage reply = new OutboxMessage(
                new OutgoingMessage(
                        "ticket-42/reply/v3",
                        "ticket-reply",
                        42L,
                        Tlp.AMBER,
                        List.of("admin@site.example"),
                        List.of(),
                        "Re: [CSIRT #42] Your kernel",
                        "Thanks, we will check.\n"),
                "<1a2b@desk.csirt.example>",
                OutboxMessage.Channel.SMTP,
                AT);
        MimeMessage mail = composer.compose(session, reply, MailHeaders.of(reply, List.of(), "CSIRT", "d"), AT);
        assertThat(mail.getHeader("Auto-Submitted")).isNull();
        String from = mail.getHeader("From", ",");
        assertThat(from).startsWith("=?UTF-8?").endsWith("<abuse@egi.eu>").matches("\\p{ASCII}+");
        InternetAddress read = (InternetAddress) onTheWire(mail, session).getFrom()[0];
        assertThat(read.getPersonal()).isEqualTo("Équipe CSIRT Ljubljana – Žiga");
        assertThat(read.getAddress()).isEqualTo("abuse@egi.eu");
    }

    @Test
    @DisplayName("with a signing key, the letter goes out as multipart/signed, headers unchanged")
    void signed() throws Exception {
        Path keyFile = folder.resolve("key.asc");
        SigningTest.writeKey(keyFile, PASSPHRASE.toCharArray());
        OutboxMessage row = row();
        MimeMessage mail = onTheWire(
                composer(Optional.of(keyFile.toString()))
                        .compose(session, row, MailHeaders.of(row, List.of(), "CSIRT", "desk.csirt.example"), AT),
                session);
        assertThat(mail.getMessageID()).isEqualTo("<0f1e2d3c@desk.csirt.example>");
        assertThat(mail.getContentType()).startsWith("multipart/signed").contains("application/pgp-signature");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Dear administrators, ü.");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pgp-signature");
    }

    @Test
    @DisplayName("a letter with files goes out as multipart/mixed, the text then each file with its name; signed whole")
    void withAttachments() throws Exception {
        OutboxMessage row = row();
        List<OutgoingAttachment> files =
                List.of(new OutgoingAttachment("auth.log", "text/plain", "Accepted password\n".getBytes()));
        MailHeaders headers = MailHeaders.of(row, List.of(), "CSIRT", "desk.csirt.example");
        MimeMessage mail = onTheWire(composer(Optional.empty()).compose(session, row, headers, AT, files), session);
        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Dear administrators, ü.");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("auth.log");
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes()))
                .isEqualTo("Accepted password\n");

        Path keyFile = folder.resolve("key.asc");
        SigningTest.writeKey(keyFile, PASSPHRASE.toCharArray());
        MimeMessage signed =
                onTheWire(composer(Optional.of(keyFile.toString())).compose(session, row, headers, AT, files), session);
        assertThat(signed.getContentType()).startsWith("multipart/signed");
        MimeMultipart outer = (MimeMultipart) signed.getContent();
        assertThat(outer.getBodyPart(0).getContentType()).startsWith("multipart/mixed");
        assertThat(((MimeMultipart) outer.getBodyPart(0).getContent())
                        .getBodyPart(1)
                        .getFileName())
                .isEqualTo("auth.log");
    }
}
