package org.csirtdesk.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.csirtdesk.inbox.entity.IncomingMail.Disposition;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.TicketTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken mail (src/test/resources/mail-corpus): each mail read by the parser and put through the
 * intake's rules lands where expected.tsv says, and nothing in it turns into replacement characters.
 */
class MailCorpusTest {

    static final String CONTACT = "admin@ptujrpc.si";
    static final String OUR_MAIL = "<0f3a9c2b1d4e5f60718293a4b5c6d7e8@csirt-desk.local>";

    private final MailParser parser = new MailParser(8L << 20);

    /** One line of expected.tsv. */
    record Expected(String file, Disposition disposition, String ticket, boolean unreadable, String what) {
        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    static List<Expected> expected() {
        try (InputStream in = MailCorpusTest.class.getResourceAsStream("/mail-corpus/expected.tsv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return lines.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> new Expected(f[0], Disposition.valueOf(f[1]), f[2], f[3].equals("yes"), f[4]))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] corpus(String name) {
        try (InputStream in = MailCorpusTest.class.getResourceAsStream("/mail-corpus/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ParsedMail parse(String name) {
        return parser.parse(corpus(name));
    }

    @ParameterizedTest
    @MethodSource("expected")
    @DisplayName("Each mail of the corpus is taken, lands where expected.tsv says, and has no replacement character")
    void landsWhereExpected(Expected expected) {
        ParsedMail mail = parse(expected.file());

        boolean threaded = TicketTag.find(mail.subject(), "CSIRT")
                        .filter(id -> id == 1001L)
                        .isPresent()
                || mail.answers().contains(OUR_MAIL);
        assertThat(threaded ? "1001" : "new").as("its ticket").isEqualTo(expected.ticket());
        assertThat(MailIntake.disposition(mail, threaded, CONTACT.equals(mail.from()), MailAction.CORRESPOND))
                .isEqualTo(expected.disposition());
        assertThat(mail.isUnreadable()).as(mail.unreadable()).isEqualTo(expected.unreadable());
        assertThat(Stream.of(mail.subject(), mail.text(), String.valueOf(mail.from())))
                .noneMatch(text -> text.contains("\uFFFD"));
        assertThat(mail.attachments())
                .extracting(MailAttachment::filename)
                .noneMatch(name -> name != null && name.contains("\uFFFD"));
    }

    @Test
    @DisplayName("Misspelt transfer encodings (8bits, 7-bit, plain) are read as what they mean")
    void brokenTransferEncodings() {
        assertThat(parse("cte-8bits.eml").text()).contains("during the \u00e9t\u00e9 maintenance window");
        ParsedMail sevenBit = parse("cte-7-bit.eml");
        assertThat(sevenBit.text()).isEqualTo("The kernel versions of our worker nodes are attached.");
        assertThat(sevenBit.attachments()).singleElement().satisfies(kernels -> {
            assertThat(kernels.filename()).isEqualTo("kernels.txt");
            assertThat(new String(kernels.content(), StandardCharsets.US_ASCII)).startsWith("wn01 5.14.0-362");
        });
        assertThat(parse("cte-plain.eml").text())
                .isEqualTo("All nodes rebooted \u2013 \u017diga checked each of them.");
    }

    @Test
    @DisplayName(
            "Outlook's unquoted ----=_NextPart boundary and a missing first boundary still give text and attachments")
    void brokenBoundaries() {
        ParsedMail unquoted = parse("boundary-unquoted.eml");
        assertThat(unquoted.text()).isEqualTo("The storage nodes are patched as well.");
        assertThat(unquoted.attachments()).isEmpty();

        ParsedMail firstMissing = parse("boundary-first-missing.eml");
        assertThat(firstMissing.text()).isEqualTo("The list of hosts we updated is attached.");
        assertThat(firstMissing.attachments()).singleElement().satisfies(csv -> {
            assertThat(csv.filename()).isEqualTo("hosts.csv");
            assertThat(csv.contentType()).isEqualTo("text/csv");
        });
    }

    @Test
    @DisplayName("An unquoted file name with spaces and a raw Latin-1 byte keeps its whole name")
    void unquotedFileName() {
        ParsedMail mail = parse("filename-unquoted-8bit.eml");

        assertThat(mail.text()).isEqualTo("R\u00e9sultats du scan en pi\u00e8ce jointe.");
        assertThat(mail.attachments()).singleElement().satisfies(scan -> {
            assertThat(scan.filename()).isEqualTo("Scan results \u00e9t\u00e9 2026.txt");
            assertThat(new String(scan.content(), StandardCharsets.US_ASCII)).contains("no vulnerable kernel");
        });
    }

    @Test
    @DisplayName("Legacy charsets: KOI8-R text and encoded words, a misspelt cp-1250")
    void legacyCharsets() {
        ParsedMail koi8 = parse("koi8-r.eml");
        assertThat(koi8.subject())
                .isEqualTo("\u041f\u0435\u0440\u0435\u0431\u043e\u0440 \u043f\u0430\u0440\u043e\u043b\u0435\u0439 SSH");
        assertThat(koi8.from()).isEqualTo("noc@isp-example.ru");
        assertThat(koi8.text()).contains("198.51.100.77", "\u0414\u0435\u0436\u0443\u0440\u043d\u044b\u0439");

        ParsedMail slovene = parse("windows-1250.eml");
        assertThat(slovene.subject()).isEqualTo("Re: [CSIRT #1001] posodobitev kon\u010dana");
        assertThat(slovene.text()).contains("vozli\u0161\u010dih", "ra\u010dunalnik \u0161t. 4 \u0161e \u010daka");
    }

    @Test
    @DisplayName("A raw 8-bit subject without a charset: Windows-1252 as the body, KOI8-R as the body declares")
    void eightBitSubjects() {
        ParsedMail latin = parse("subject-8bit.eml");
        assertThat(latin.subject()).isEqualTo("Re: [CSIRT #1001] Mise \u00e0 jour effectu\u00e9e \u2013 noyau");
        assertThat(latin.text()).isEqualTo("La mise \u00e0 jour du noyau a \u00e9t\u00e9 effectu\u00e9e.");

        assertThat(parse("subject-8bit-koi8.eml").subject())
                .isEqualTo(
                        "\u0421\u043a\u0430\u043d\u0438\u0440\u043e\u0432\u0430\u043d\u0438\u0435 \u043f\u043e\u0440\u0442\u043e\u0432");
    }

    @Test
    @DisplayName("Automatic replies that say so only in Exchange's headers or in their subject")
    void automaticReplies() {
        assertThat(parse("exchange-auto-reply.eml").automatic()).startsWith("X-Auto-Response-Suppress: All");
        assertThat(parse("auto-subject-only.eml").automatic()).startsWith("the subject of an automatic reply");
        String person = "From: a@site.example\nMessage-ID: <1@site.example>\nSubject: ";
        for (String subject : List.of(
                "Automatic reply: [CSIRT #5] kernel",
                "Out of Office: [CSIRT #5] kernel",
                "Abwesenheitsnotiz: [CSIRT #5] kernel",
                "R\u00e9ponse automatique : [CSIRT #5] kernel",
                "Autoreply: [CSIRT #5] kernel",
                "[CSIRT #5] kernel (out of the office)")) {
            assertThat(parser.parse((person + subject + "\n\nhi\n").getBytes(StandardCharsets.UTF_8))
                            .automatic())
                    .as(subject)
                    .isNotNull();
        }
        for (String subject : List.of("Re: [CSIRT #5] kernel", "Re: [CSIRT #5] automatic updates are on now")) {
            assertThat(parser.parse((person + subject + "\n\nhi\n").getBytes(StandardCharsets.UTF_8))
                            .automatic())
                    .as(subject)
                    .isNull();
        }
        assertThat(parser.parse((person + "x\nX-Auto-Response-Suppress: None\n\nhi\n").getBytes(StandardCharsets.UTF_8))
                        .automatic())
                .isNull();
    }

    @Test
    @DisplayName("Outlook's quoted header block without a separator is folded away; the whole text is kept")
    void outlookQuotedHeaderBlock() {
        ParsedMail mail = parse("outlook-quoted-header.eml");

        assertThat(mail.displayText()).isEqualTo("Hello,\n\nwe will reboot the CE tonight.\n\nRegards,\nJanez");
        assertThat(mail.text()).contains("Failing to act will lead to site suspension");
    }

    @Test
    @DisplayName("A 190-character From without an address is kept as text, shortened to the column; no requestor")
    void longFrom() {
        ParsedMail mail = parse("long-from.eml");

        assertThat(mail.from())
                .startsWith("Computer Security Incident Response Team")
                .hasSizeLessThanOrEqualTo(254);
        assertThat(mail.from()).doesNotContain("@");
    }

    @Test
    @DisplayName(
            "A Message-ID reused by another mail: same identity, other content digest; the same mail again: same digest")
    void reusedMessageId() {
        ParsedMail first = parse("message-id-reused-1.eml");
        ParsedMail second = parse("message-id-reused-2.eml");

        assertThat(first.messageId()).isEqualTo(second.messageId());
        assertThat(RawMail.contentDigest(corpus("message-id-reused-1.eml")))
                .isNotEqualTo(RawMail.contentDigest(corpus("message-id-reused-2.eml")));
        byte[] once = corpus("message-id-reused-1.eml");
        byte[] relayed = ("Received: from mx2.ptujrpc.si by mx.csirt.example; Thu, 12 Mar 2026 11:00:05 +0100\r\n"
                        + "Delivered-To: abuse@csirt.example\r\n"
                        + new String(once, StandardCharsets.ISO_8859_1).replace("\n", "\r\n"))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RawMail.contentDigest(relayed)).isEqualTo(RawMail.contentDigest(once));
    }

    @Test
    @DisplayName("What no lenient reading understands is shown as text and marked unreadable, never refused")
    void unreadable() {
        ParsedMail noBoundary = parse("no-boundary-found.eml");
        assertThat(noBoundary.unreadable()).contains("no part that could be told apart");
        assertThat(noBoundary.text()).startsWith("Here are the logs you asked for.");
        assertThat(noBoundary.subject()).isEqualTo("Re: [CSIRT #1001] logs");

        ParsedMail noHeaders = parse("no-headers.eml");
        assertThat(noHeaders.unreadable()).contains("no mail headers");
        assertThat(noHeaders.text()).startsWith("198.51.100.23 scanned 4000 ports");
    }
}
