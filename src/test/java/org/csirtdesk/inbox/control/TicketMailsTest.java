package org.csirtdesk.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketMailsTest {

    @Test
    void theQuotedPartIsWhatFollowsTheShownText() {
        String whole =
                "Patched on Monday.\n\nOn Mon, 23 Nov 2026, CSIRT <abuse@egi.eu> wrote:\n> Your site is vulnerable\n";
        assertThat(TicketMails.quoted(whole, "Patched on Monday."))
                .isEqualTo("On Mon, 23 Nov 2026, CSIRT <abuse@egi.eu> wrote:\n> Your site is vulnerable");
    }

    @Test
    void aMailWithoutQuotedHistoryHasNoQuotedPart() {
        assertThat(TicketMails.quoted("Patched.\n", "Patched.")).isEmpty();
    }

    @Test
    void aShownTextThatIsNotThePrefixKeepsTheWholeTextFolded() {
        assertThat(TicketMails.quoted("line one\nline two", "something else")).isEqualTo("line one\nline two");
    }
}
