package org.csirtdesk.mail.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailHeadersTest {

    private static OutboxMessage message(String kind, Long ticket, Tlp tlp, String subject) {
        return new OutboxMessage(
                new OutgoingMessage("key", kind, ticket, tlp, List.of("a@site.example"), List.of(), subject, "body\n"),
                "<id-3@csirt.example>",
                OutboxMessage.Channel.SMTP,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    @DisplayName("a reply to one mail threads to it: In-Reply-To names it and References ends with it")
    void aReplyToOneMailThreadsToIt() {
        OutboxMessage reply = message("ticket-reply", 9L, Tlp.AMBER, "Re: logs");
        reply.answering("<site-mail@site.example>");
        MailHeaders headers = MailHeaders.of(
                reply,
                List.of("<first@csirt.example>", "<site-mail@site.example>", "<later@csirt.example>"),
                "CSIRT",
                "d");
        assertThat(headers.inReplyTo()).contains("<site-mail@site.example>");
        assertThat(headers.references())
                .containsExactly("<first@csirt.example>", "<later@csirt.example>", "<site-mail@site.example>");
        assertThat(headers.automatic()).isFalse();
        assertThat(MailHeaders.of(message("ticket-forward", 9L, Tlp.AMBER, "Fwd: logs"), List.of(), "CSIRT", "d")
                        .automatic())
                .as("a forward is a person's letter")
                .isFalse();
    }

    @Test
    @DisplayName("SEC01-tlp: the subject gets the ticket's tag in front and the TLP label at the end")
    void tagAndLabelAdded() {
        MailHeaders headers = MailHeaders.of(
                message("vulnerability-report", 42L, Tlp.GREEN, "CVE-2026-1: sites found vulnerable"),
                List.of(),
                "CSIRT",
                "csirt.example");
        assertThat(headers.subject()).isEqualTo("[CSIRT #42] CVE-2026-1: sites found vulnerable [TLP:GREEN]");
    }

    @Test
    @DisplayName("a subject that carries the tag or the label already does not get them twice")
    void noDoubledTags() {
        assertThat(MailHeaders.of(
                                message("sec03-ticket", 7L, Tlp.AMBER, "CVE-2026-1 at SITE [TLP:AMBER]"),
                                List.of(),
                                "CSIRT",
                                "csirt.example")
                        .subject())
                .isEqualTo("[CSIRT #7] CVE-2026-1 at SITE [TLP:AMBER]");
        assertThat(MailHeaders.of(
                                message(
                                        "status-change-request",
                                        7L,
                                        Tlp.AMBER,
                                        "[CSIRT #7] Please set SITE to Suspended"),
                                List.of(),
                                "CSIRT",
                                "csirt.example")
                        .subject())
                .isEqualTo("[CSIRT #7] Please set SITE to Suspended [TLP:AMBER]");
        assertThat(MailHeaders.of(
                                message("sec03-answer", 7L, Tlp.RED, "Re: CVE-2026-1 at SITE [tlp:red]"),
                                List.of(),
                                "CSIRT",
                                "csirt.example")
                        .subject())
                .isEqualTo("Re: [CSIRT #7] CVE-2026-1 at SITE [tlp:red]");
        assertThat(MailHeaders.of(
                                message("vulnerability-report", null, Tlp.CLEAR, "CVE-2026-1"),
                                List.of(),
                                "RT",
                                "csirt.example")
                        .subject())
                .isEqualTo("CVE-2026-1 [TLP:CLEAR]");
    }

    @Test
    @DisplayName("the thread: In-Reply-To the ticket's latest earlier message, References all of them, oldest first")
    void thread() {
        MailHeaders first =
                MailHeaders.of(message("sec03-ticket", 7L, Tlp.AMBER, "s"), List.of(), "CSIRT", "csirt.example");
        assertThat(first.inReplyTo()).isEmpty();
        assertThat(first.references()).isEmpty();
        MailHeaders third = MailHeaders.of(
                message("sec03-reminder", 7L, Tlp.AMBER, "s"),
                List.of("<id-1@x>", "<id-2@x>"),
                "CSIRT",
                "csirt.example");
        assertThat(third.inReplyTo()).contains("<id-2@x>");
        assertThat(third.references()).containsExactly("<id-1@x>", "<id-2@x>");
        assertThat(third.messageId()).isEqualTo("<id-3@csirt.example>");
    }

    @Test
    @DisplayName("a long thread keeps the first message and the latest ones in References")
    void longThreadTrimmed() {
        List<String> earlier =
                IntStream.rangeClosed(1, 25).mapToObj(i -> "<id-" + i + "@x>").toList();
        MailHeaders headers =
                MailHeaders.of(message("sec03-reminder", 7L, Tlp.AMBER, "s"), earlier, "CSIRT", "csirt.example");
        assertThat(headers.references())
                .hasSize(MailHeaders.MOST_REFERENCES)
                .startsWith("<id-1@x>", "<id-17@x>")
                .endsWith("<id-25@x>");
        assertThat(headers.inReplyTo()).contains("<id-25@x>");
    }

    @Test
    @DisplayName(
            "letters of the procedure are automatic mail; a CSIRT member's answer is not; every message carries the loop header")
    void automaticAndLoop() {
        MailHeaders reminder =
                MailHeaders.of(message("sec03-reminder", 7L, Tlp.AMBER, "s"), List.of(), "CSIRT", "csirt.example");
        assertThat(reminder.automatic()).isTrue();
        assertThat(reminder.loop()).isEqualTo("csirt.example");
        assertThat(MailHeaders.of(message("sec03-answer", 7L, Tlp.AMBER, "s"), List.of(), "CSIRT", "csirt.example")
                        .automatic())
                .isFalse();
        assertThat(MailHeaders.of(message("ticket-reply", 7L, Tlp.AMBER, "s"), List.of(), "CSIRT", "csirt.example")
                        .automatic())
                .as("a person's reply on a ticket")
                .isFalse();
    }

    @Test
    @DisplayName("no label is repeated: a notice quoting a reply's subject keeps one tag and one TLP label")
    void noLabelRepeated() {
        OutboxMessage notice = message(
                "contact-replied",
                12L,
                Tlp.RED,
                "[CSIRT #12] Reply by mail from a@site.example: Re: [CSIRT #12] Your kernel [TLP:RED] [TLP:RED]");
        assertThat(notice.subject())
                .as("stored without the repetition")
                .isEqualTo("[CSIRT #12] Reply by mail from a@site.example: Re: Your kernel [TLP:RED]");
        assertThat(MailHeaders.of(notice, List.of(), "CSIRT", "csirt.example").subject())
                .isEqualTo("[CSIRT #12] Reply by mail from a@site.example: Re: Your kernel [TLP:RED]");
        assertThat(MailHeaders.subject(
                        message("x", 12L, Tlp.AMBER, "[ csirt  #12 ] Update [TLP:AMBER] [tlp:amber]"), "CSIRT"))
                .as("the same label written differently counts as the same: one tag, one TLP label")
                .isEqualTo("[CSIRT #12] Update [TLP:AMBER]");
    }

    @Test
    @DisplayName("SEC01-tlp: a subject never claims two TLP levels: another level's label becomes the message's")
    void oneTlpLevel() {
        assertThat(MailHeaders.subject(message("x", 3L, Tlp.RED, "Re: Host list [TLP:AMBER]"), "CSIRT"))
                .isEqualTo("Re: [CSIRT #3] Host list [TLP:RED]");
        assertThat(MailHeaders.subject(message("x", null, Tlp.GREEN, "[TLP:WHITE] Notes [TLP:RED]"), "CSIRT"))
                .isEqualTo("[TLP:GREEN] Notes");
    }

    @Test
    @DisplayName("composing is idempotent: a composed subject composed again is unchanged")
    void idempotent() {
        String once = MailHeaders.subject(message("x", 5L, Tlp.AMBER, "Re: Your reply"), "CSIRT");
        assertThat(once).isEqualTo("Re: [CSIRT #5] Your reply [TLP:AMBER]");
        assertThat(MailHeaders.subject(message("x", 5L, Tlp.AMBER, once), "CSIRT"))
                .isEqualTo(once);
    }

    @Test
    @DisplayName("GET /api/outbox's subject is the one sent: composed for SMTP, the row's for the ticket store (RT)")
    void subjectAsSent() {
        OutboxMessage smtp = message("sec03-reminder", 9L, Tlp.AMBER, "Reminder");
        assertThat(MailHeaders.subjectAsSent(smtp, "CSIRT"))
                .isEqualTo(MailHeaders.of(smtp, List.of(), "CSIRT", "csirt.example")
                        .subject())
                .isEqualTo("[CSIRT #9] Reminder [TLP:AMBER]");
        OutboxMessage rt = new OutboxMessage(
                new OutgoingMessage(
                        "key",
                        "sec03-reminder",
                        9L,
                        Tlp.AMBER,
                        List.of("a@site.example"),
                        List.of(),
                        "Reminder",
                        "b\n"),
                "<id-4@csirt.example>",
                OutboxMessage.Channel.TICKET_STORE,
                Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(MailHeaders.subjectAsSent(rt, "CSIRT")).isEqualTo("Reminder");
    }
}
