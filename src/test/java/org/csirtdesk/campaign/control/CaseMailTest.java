package org.csirtdesk.campaign.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.campaign.entity.CaseResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the OMB summary is told of a site's responses (SEC03-4.1.2). */
class CaseMailTest {

    private static final Instant FIRST = Instant.parse("2027-01-11T09:30:00Z");
    private static final Instant SECOND = Instant.parse("2027-01-12T16:05:00Z");

    @Test
    @DisplayName("SEC03-4.1.2: every response is kept, in order, with who recorded it and when; a later one-liner "
            + "does not replace the reasons and the plan")
    void everyResponseInOrder() {
        List<CaseResponse> responses = List.of(
                new CaseResponse(
                        7,
                        "csirt-user",
                        FIRST,
                        "The batch system runs a vendor kernel; the fix needs a reboot of every worker node.",
                        "Drain and reboot the workers by Thursday; until then pilot jobs are disabled."),
                new CaseResponse(
                        7,
                        CaseResponse.BY_MAIL + "ngi@example.org",
                        SECOND,
                        "by mail from ngi@example.org:\n" + "Confirmed by the NGI.",
                        null));

        List<Map<String, Object>> model = CaseMail.responseModels(responses, at -> "at " + at);

        assertThat(model).hasSize(2);
        assertThat(model.get(0))
                .containsEntry("at", "at " + FIRST)
                .containsEntry("by", "csirt-user")
                .containsEntry(
                        "statement",
                        "The batch system runs a vendor kernel; the fix needs a reboot of every worker node.")
                .containsEntry("plan", "Drain and reboot the workers by Thursday; until then pilot jobs are disabled.");
        assertThat(model.get(1))
                .as("a mail's statement names its sender: no 'recorded by'; no plan given is empty, not null")
                .containsEntry("at", "at " + SECOND)
                .containsEntry("by", "")
                .containsEntry("statement", "by mail from ngi@example.org:\nConfirmed by the NGI.")
                .containsEntry("plan", "");
    }

    @Test
    @DisplayName("a case nobody responded on has no responses")
    void noResponse() {
        assertThat(CaseMail.responseModels(List.of(), at -> "")).isEmpty();
    }
}
