package org.csirtdesk.inbox.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuotedHistoryTest {

    @Test
    @DisplayName("Answers written between quoted lines stay; only the quote at the end goes")
    void inlineAnswers() {
        String text = """
                > Which hosts are affected?
                wn01 and wn02.
                > When will you patch?
                Tonight.

                > EGI CSIRT
                > abuse@egi.eu""";
        assertThat(QuotedHistory.trimmed(text)).isEqualTo("""
                > Which hosts are affected?
                wn01 and wn02.
                > When will you patch?
                Tonight.""");
    }

    @Test
    @DisplayName("Outlook's plain-text '-----Original Message-----' and German 'Am ... schrieb ...:' start the history")
    void headers() {
        assertThat(QuotedHistory.trimmed("Done.\n\n-----Original Message-----\nFrom: CSIRT\n\nold"))
                .isEqualTo("Done.");
        assertThat(QuotedHistory.trimmed("Erledigt.\n\nAm 11.03.2026 um 15:00 schrieb EGI CSIRT:\n> alt"))
                .isEqualTo("Erledigt.");
    }

    @Test
    @DisplayName("A mail that is nothing but a quote keeps its text")
    void onlyQuote() {
        assertThat(QuotedHistory.trimmed("> forwarded words")).isEqualTo("> forwarded words");
    }

    @Test
    @DisplayName("The tag: the first one with the prefix, in any case, the prefix configurable")
    void tags() {
        assertThat(TicketTag.find("Re: [csirt #42] x [CSIRT #7]", "CSIRT")).contains(42L);
        assertThat(TicketTag.find("[EGI-CSIRT #9] x", "EGI-CSIRT")).contains(9L);
        assertThat(TicketTag.find("[CSIRT 42] x", "CSIRT")).isEmpty();
        assertThat(TicketTag.find("[CSIRT #] x", "CSIRT")).isEmpty();
    }

    @Test
    @DisplayName("Outlook's quoted header block without a separator, in English and German, is folded away")
    void outlookHeaderBlock() {
        assertThat(QuotedHistory.trimmed("""
                        Patched.

                        From: CSIRT <abuse@csirt.example>
                        Sent: Thursday, March 12, 2026 9:00 AM
                        To: Novak, Janez <admin@ptujrpc.si>
                        Cc: ngi-security@example.si
                        Subject: [CSIRT #5] kernel

                        Your site is vulnerable.""")).isEqualTo("Patched.");
        assertThat(QuotedHistory.trimmed("""
                        Erledigt.

                        Von: CSIRT <abuse@csirt.example>
                        Gesendet: Donnerstag, 12. März 2026 09:00
                        An: admin@site.example
                        Betreff: [CSIRT #5] kernel

                        Ihre Site ist verwundbar.""")).isEqualTo("Erledigt.");
    }

    @Test
    @DisplayName("Raw headers pasted as evidence (a phishing mail's) are the writer's own text and stay")
    void pastedRawHeadersStay() {
        String report = """
                We received this phishing mail:

                From: IT Support <support@evil.example>
                Date: Thu, 12 Mar 2026 09:00:00 +0100
                To: staff@site.example
                Subject: Your mailbox is full

                Click here.""";

        assertThat(QuotedHistory.trimmed(report)).isEqualTo(report.strip());
    }
}
