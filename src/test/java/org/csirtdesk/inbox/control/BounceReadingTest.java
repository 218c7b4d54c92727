package org.csirtdesk.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.csirtdesk.inbox.entity.Bounce;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounces of the corpus (src/test/resources/mail-corpus/bounces), one per MTA and form: each is read as a bounce
 * of our letter (found by its Message-ID, wherever the MTA put it) with the recipients that failed and the server's
 * words; a report of a delay is no bounce.
 */
class BounceReadingTest {

    static final String OUR_LETTER = "<0f3a9c2b1d4e5f60718293a4b5c6d7e8@csirt-desk.local>";

    private final MailParser parser = new MailParser(8L << 20);

    /** A bounce of the corpus: who failed (with a word of the reason), who was not said to fail. */
    record Case(String file, List<String> failed, String reasonContains, List<String> notFailed) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> bounces() {
        return Stream.of(
                new Case(
                        "postfix-dsn.eml",
                        List.of("old-admin@site-a.example"),
                        "5.1.1",
                        List.of("security@site-a.example")),
                new Case("exim-dsn.eml", List.of("admin@site-b.example", "security@site-b.example"), "5.", List.of()),
                new Case(
                        "exchange-ndr.eml",
                        List.of("grid-admin@site-c.example"),
                        "5.1.10",
                        List.of("csirt@site-c.example")),
                new Case(
                        "qmail-plain.eml",
                        List.of("sysadmin@site-d.example"),
                        "5.1.1",
                        List.of("security@site-d.example")),
                new Case("exim-plain-old.eml", List.of("grid@site-e.example"), "550 5.7.1", List.of()));
    }

    private ParsedMail parse(String file) {
        try (InputStream in = getClass().getResourceAsStream("/mail-corpus/bounces/" + file)) {
            return parser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("bounces")
    @DisplayName("Each MTA's bounce is read: our letter found by its Message-ID, the failed recipients and why")
    void eachBounceIsRead(Case expected) {
        ParsedMail mail = parse(expected.file());

        assertThat(mail.isAutomatic()).isTrue();
        Bounce bounce = mail.asBounce().orElseThrow(() -> new AssertionError(expected.file() + " is no bounce"));
        assertThat(bounce.returned()).contains(OUR_LETTER).doesNotContain(mail.messageId());
        for (String failed : expected.failed()) {
            assertThat(bounce.reasonFor(failed)).as(failed).hasValueSatisfying(reason -> assertThat(reason)
                    .contains(expected.reasonContains()));
        }
        for (String reached : expected.notFailed()) {
            assertThat(bounce.reasonFor(reached)).as(reached).isEmpty();
        }
    }

    @Test
    @DisplayName("A report of a delay (Action: delayed) is automatic mail, not a bounce")
    void aDelayIsNoBounce() {
        ParsedMail mail = parse("delayed-dsn.eml");

        assertThat(mail.isAutomatic()).isTrue();
        assertThat(mail.asBounce()).isEmpty();
    }

    @Test
    @DisplayName("A person's mail that quotes a Message-ID is no bounce, nor is a person's forward of a bounce")
    void peoplesMailIsNoBounce() {
        String reply = "From: admin@site-a.example\nSubject: Re: CVE-2024-1086\nMessage-ID: <r1@site-a.example>\n\n"
                + "See below.\n> Message-ID: " + OUR_LETTER + "\n";
        assertThat(parser.parse(reply.getBytes()).asBounce()).isEmpty();
        String forward = "From: admin@site-a.example\nSubject: Fwd: Undeliverable: CVE-2024-1086\n"
                + "Message-ID: <f1@site-a.example>\n\nWhy did this bounce?\n\nMessage-ID: " + OUR_LETTER + "\n";
        assertThat(parser.parse(forward.getBytes()).asBounce()).isEmpty();
    }

    @Test
    @DisplayName("A plain bounce's reason is the server's answer, not its greeting")
    void thePlainReasonIsTheServersAnswer() {
        Bounce bounce = parse("exim-plain-old.eml").asBounce().orElseThrow();

        assertThat(bounce.serversAnswer()).contains("550 5.7.1 Relaying denied");
        assertThat(bounce.explanation()).doesNotContain("Dear site administrators");
    }
}
