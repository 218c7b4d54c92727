package org.csirtdesk.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.TicketTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The corpus of awkward real-world mails (src/test/resources/mail), each read as the gateway reads it. */
class MailParserTest {

    private static final String OUR_MAIL = "<0f3a9c2b1d4e5f60718293a4b5c6d7e8@csirt-desk.local>";

    private final MailParser parser = new MailParser(8L << 20);

    static byte[] corpus(String name) {
        try (InputStream in = MailParserTest.class.getResourceAsStream("/mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName(
            "Outlook: HTML only, Windows-1252 quoted-printable; the quoted mail after the rule is trimmed for display, kept whole")
    void outlookHtml() {
        ParsedMail mail = parser.parse(corpus("outlook-html.eml"));

        assertThat(mail.from()).isEqualTo("j.novak@ptuj-rpc.example.si");
        assertThat(mail.subject()).isEqualTo("RE: [CSIRT #1001] CVE-2024-1086 at PtujRPC [TLP:AMBER]");
        assertThat(TicketTag.find(mail.subject(), "CSIRT")).contains(1001L);
        assertThat(mail.answers()).containsExactly(OUR_MAIL);
        assertThat(mail.isAutomatic()).isFalse();
        assertThat(mail.text())
                .contains(
                        "5.14.0-362.24.1 \u2013 please check again.",
                        "Janez Novak\nPtujRPC site administrator",
                        "Failing to act will lead to site suspension")
                .doesNotContain("MsoNormal", "<p", "&nbsp;");
        assertThat(mail.displayText())
                .startsWith("Dear CSIRT,")
                .endsWith("PtujRPC site administrator")
                .doesNotContain("Failing to act");
    }

    @Test
    @DisplayName(
            "Apple Mail: multipart/alternative, the plain text chosen; a two-line 'On ... wrote:' and the > quotes trimmed")
    void appleMail() {
        ParsedMail mail = parser.parse(corpus("apple-mail-alternative.eml"));

        assertThat(mail.messageId()).isEqualTo("<5E2B1C7D-0A4F-4B8E-9C3D-6F7A8B9C0D1E@ptuj-rpc.example.si>");
        assertThat(mail.answers()).containsExactly(OUR_MAIL);
        assertThat(mail.text())
                .contains("old kernel \u2013 we need a downtime", "> Your site PtujRPC is vulnerable")
                .doesNotContain("<div>");
        assertThat(mail.displayText()).isEqualTo("""
                Hi,

                the storage element is still on the old kernel \u2013 we need a downtime for it. Planned for Monday 16 March, 08:00\u201310:00 CET.

                Ana""");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    @DisplayName("ISO-8859-1: an encoded-word subject over two words and an 8-bit Latin-1 body keep their accents")
    void isoLatin1() {
        ParsedMail mail = parser.parse(corpus("iso-8859-1-subject.eml"));

        assertThat(mail.subject())
                .isEqualTo(
                        "R\u00e9ponse\u00a0: [CSIRT #1001] CVE-2024-1086 \u00e0 PtujRPC (mise \u00e0 jour effectu\u00e9e)");
        assertThat(TicketTag.find(mail.subject(), "CSIRT")).contains(1001L);
        assertThat(mail.text()).contains("La mise \u00e0 jour du noyau a \u00e9t\u00e9 effectu\u00e9e");
        assertThat(mail.displayText()).endsWith("Pierre").doesNotContain("a \u00e9crit");
    }

    @Test
    @DisplayName(
            "A forward of a mail tagged #1002 sent under #1001: the outer subject's tag wins; the forwarded mail is an attachment")
    void forwardedOtherTag() {
        ParsedMail mail = parser.parse(corpus("forwarded-other-tag.eml"));

        assertThat(TicketTag.find(mail.subject(), "CSIRT")).contains(1001L);
        assertThat(mail.text()).startsWith("Forwarding the earlier thread").doesNotContain("192.0.2.44");
        assertThat(mail.attachments()).singleElement().satisfies(forwarded -> {
            assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
            assertThat(forwarded.filename()).isEqualTo("[CSIRT #1002] Suspicious logins.eml");
            assertThat(new String(forwarded.content(), StandardCharsets.UTF_8))
                    .contains("We saw logins from 192.0.2.44");
        });
    }

    @Test
    @DisplayName("Thunderbird: base64 text, a PDF with an RFC 2231 file name stored with its type and size")
    void thunderbirdAttachment() {
        ParsedMail mail = parser.parse(corpus("thunderbird-attachment.eml"));

        assertThat(mail.text()).contains("own rebuild", "\u017diga");
        MailAttachment pdf = mail.attachments().get(0);
        assertThat(pdf.filename()).isEqualTo("porocilo-posodobitev-\u0161\u010d.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.size()).isEqualTo(142);
        assertThat(new String(pdf.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    @DisplayName("A bounce (MAILER-DAEMON, empty return path, multipart/report) is automatic")
    void bounce() {
        ParsedMail mail = parser.parse(corpus("bounce-report.eml"));

        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied");
        assertThat(TicketTag.find(mail.subject(), "CSIRT")).isEmpty();
        assertThat(mail.text()).contains("User unknown");
        assertThat(mail.attachments())
                .extracting(MailAttachment::contentType)
                .containsExactly("message/delivery-status", "text/rfc822-headers");
    }

    @Test
    @DisplayName(
            "Each sign of a machine: our loop header, Auto-Submitted, Precedence, empty return path, MAILER-DAEMON, multipart/report")
    void automaticSigns() {
        String person = "From: a@site.example\nSubject: hello\nMessage-ID: <1@site.example>\n";
        assertThat(parser.parse((person + "\nhi\n").getBytes()).automatic()).isNull();
        assertThat(parser.parse((person + "Auto-Submitted: no\n\nhi\n").getBytes())
                        .automatic())
                .isNull();
        assertThat(parser.parse((person + "X-CSIRT-Desk-Loop: csirt-desk\n\nhi\n").getBytes())
                        .automatic())
                .contains("came back");
        assertThat(parser.parse((person + "Auto-Submitted: auto-generated\n\nhi\n").getBytes())
                        .automatic())
                .contains("auto-generated");
        assertThat(parser.parse((person + "Precedence: bulk\n\nhi\n").getBytes())
                        .automatic())
                .isEqualTo("Precedence: bulk");
        assertThat(parser.parse((person + "Precedence: list\n\nhi\n").getBytes())
                        .automatic())
                .isEqualTo("Precedence: list");
        assertThat(parser.parse(("Return-Path: <>\n" + person + "\nhi\n").getBytes())
                        .automatic())
                .contains("empty return path");
        assertThat(parser.parse(("From MAILER-DAEMON Thu Mar 12 15:00:07 2026\n" + person + "\nhi\n").getBytes())
                        .automatic())
                .contains("MAILER-DAEMON");
        assertThat(parser.parse("From: Mailer-Daemon@mx.example\nSubject: x\n\nhi\n".getBytes())
                        .automatic())
                .contains("MAILER-DAEMON");
        assertThat(parser.parse((person
                                        + "Content-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n"
                                        + "--b\nContent-Type: text/plain\n\nread\n--b--\n")
                                .getBytes())
                        .automatic())
                .contains("multipart/report");
    }

    @Test
    @DisplayName("An out-of-office (Auto-Submitted: auto-replied) is automatic, though a site contact sent it")
    void outOfOffice() {
        ParsedMail mail = parser.parse(corpus("out-of-office.eml"));

        assertThat(mail.from()).isEqualTo("j.novak@ptuj-rpc.example.si");
        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied");
        assertThat(mail.text()).contains("out of the office until 23 March");
    }

    @Test
    @DisplayName("SEC01: a report to abuse@ without a tag has no ticket to go to")
    void newReport() {
        ParsedMail mail = parser.parse(corpus("new-report.eml"));

        assertThat(TicketTag.find(mail.subject(), "CSIRT")).isEmpty();
        assertThat(mail.answers()).isEmpty();
        assertThat(mail.displayText()).contains("12,000 SSH logins");
    }

    @Test
    @DisplayName(
            "An attachment over the limit is not stored apart, named with the limit; the mail and its text are kept")
    void attachmentOverLimit() {
        byte[] big = new byte[2048];
        String mail =
                "From: a@site.example\nSubject: logs\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
                        + "--b\nContent-Type: text/plain\n\nthe logs\n--b\nContent-Type: application/gzip\n"
                        + "Content-Disposition: attachment; filename=auth.log.gz\nContent-Transfer-Encoding: base64\n\n"
                        + Base64.getMimeEncoder().encodeToString(big) + "\n--b--\n";

        ParsedMail kept = new MailParser(1024).parse(mail.getBytes());
        assertThat(kept.text()).isEqualTo("the logs");
        assertThat(kept.attachments()).isEmpty();
        assertThat(kept.notStored())
                .singleElement()
                .asString()
                .contains("'auth.log.gz' (application/gzip) is larger than the limit of 1024 bytes", "raw mail");
        assertThat(kept.isUnreadable()).isFalse();
        assertThat(new MailParser(2048)
                        .parse(mail.getBytes())
                        .attachments()
                        .get(0)
                        .size())
                .isEqualTo(2048);
    }

    @Test
    @DisplayName(
            "Text without a charset: UTF-8 when it is valid UTF-8, else Windows-1252; an unknown charset is guessed the same way")
    void charsetGuess() {
        assertThat(MailParser.decode("caf\u00e9".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("caf\u00e9");
        assertThat(MailParser.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9, ' ', (byte) 0x96}, null))
                .isEqualTo("caf\u00e9 \u2013");
        assertThat(MailParser.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9}, "x-unknown"))
                .isEqualTo("caf\u00e9");
        assertThat(MailParser.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9}, "latin1"))
                .isEqualTo("caf\u00e9");
    }

    @Test
    @DisplayName(
            "8-bit header bytes read byte for byte: UTF-8 if valid, else the mail's own charset, else Windows-1252; misspelt charsets known")
    void eightBitHeaders() {
        String utf8 = new String("caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String koi8 = new String(
                "\u043f\u043e\u0440\u0442".getBytes(java.nio.charset.Charset.forName("koi8-r")),
                StandardCharsets.ISO_8859_1);
        assertThat(MailParser.repaired(utf8, "koi8-r")).isEqualTo("caf\u00e9");
        assertThat(MailParser.repaired(koi8, "koi8-r")).isEqualTo("\u043f\u043e\u0440\u0442");
        assertThat(MailParser.repaired("caf\u00e9 \u0096", null)).isEqualTo("caf\u00e9 \u2013");
        assertThat(MailParser.repaired("plain", null)).isEqualTo("plain");
        assertThat(MailParser.knownCharset("cp-1250")).isEqualTo(java.nio.charset.Charset.forName("windows-1250"));
        assertThat(MailParser.knownCharset("win-1251")).isEqualTo(java.nio.charset.Charset.forName("windows-1251"));
        assertThat(MailParser.knownCharset("\"utf8\"")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailParser.knownCharset("x-nobody-knows")).isNull();
    }

    @Test
    @DisplayName("No mail headers at all: kept as text, marked unreadable; only an empty mail is refused")
    void notAMail() {
        ParsedMail words = parser.parse("just some words\n".getBytes());

        assertThat(words.unreadable()).contains("no mail headers");
        assertThat(words.text()).isEqualTo("just some words");
        assertThatThrownBy(() -> parser.parse(" \n\n".getBytes()))
                .isInstanceOf(MailRefused.class)
                .extracting(e -> ((MailRefused) e).reason())
                .isEqualTo(MailRefused.Reason.NO_MAIL);
    }
}
