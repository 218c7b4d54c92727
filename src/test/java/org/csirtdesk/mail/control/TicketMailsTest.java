package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketMailsTest {

    @Test
    void theQuotedPartIsWhatFollowsTheShownText() {
        String whole = "Patched on Monday.\n\nOn Mon, 23 Nov 2026, CSIRT <abuse@egi.eu> wrote:\n> Your site is vulnerable\n";
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

    @Test
    void cannedTextTitlesComeFromTheirNames() {
        assertThat(CannedTexts.title("reply-request-for-information")).isEqualTo("Request for information");
        assertThat(CannedTexts.title("comment-site-phoned")).isEqualTo("Site phoned");
    }

    @Test
    void aReplysSubjectCarriesTheTicketsTagOnce() {
        assertThat(Replies.subject("[CSIRT #7]", null, "CVE-2026-1 at SSC")).isEqualTo("[CSIRT #7] CVE-2026-1 at SSC");
        assertThat(Replies.subject("[CSIRT #7]", "Your kernel", "x")).isEqualTo("[CSIRT #7] Your kernel");
        assertThat(Replies.subject("[CSIRT #7]", "Re: [CSIRT #7] Your kernel", "x")).isEqualTo("Re: [CSIRT #7] Your kernel");
    }
}
