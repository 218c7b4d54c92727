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
}
