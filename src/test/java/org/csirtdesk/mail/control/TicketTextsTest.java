package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts a person sends on a ticket: canned texts and replies (the mails a ticket received are the inbox's). */
class TicketTextsTest {

    @Test
    void cannedTextTitlesComeFromTheirNames() {
        assertThat(CannedTexts.title("reply-request-for-information")).isEqualTo("Request for information");
        assertThat(CannedTexts.title("comment-site-phoned")).isEqualTo("Site phoned");
    }

    @Test
    void aReplysSubjectCarriesTheTicketsTagOnce() {
        assertThat(Replies.subject("[CSIRT #7]", null, "CVE-2026-1 at SSC")).isEqualTo("[CSIRT #7] CVE-2026-1 at SSC");
        assertThat(Replies.subject("[CSIRT #7]", "Your kernel", "x")).isEqualTo("[CSIRT #7] Your kernel");
        assertThat(Replies.subject("[CSIRT #7]", "Re: [CSIRT #7] Your kernel", "x"))
                .isEqualTo("Re: [CSIRT #7] Your kernel");
        assertThat(Replies.subject("[CSIRT #7]", "Re: Your kernel", "x"))
                .as("after a leading Re:, as every subject")
                .isEqualTo("Re: [CSIRT #7] Your kernel");
    }
}
