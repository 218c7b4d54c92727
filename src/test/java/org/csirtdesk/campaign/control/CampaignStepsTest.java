package org.csirtdesk.campaign.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.StepName;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SEC03's reminders on the schedule: a missed day sends one reminder, not one per day. */
class CampaignStepsTest {

    private static final Instant DUE = Instant.parse("2027-01-09T09:00:00Z");

    private static ScheduledStep reminder(long caseId, int round, int number, Instant due) {
        return new ScheduledStep(
                CampaignCase.stepOwner(caseId), StepName.reminder(round, number).toString(), due);
    }

    @Test
    @DisplayName(
            "SEC03-2.5: a reminder is overtaken only by a later live reminder of its case and round that is due too")
    void overtakenByLaterReminder() {
        ScheduledStep first = reminder(31, 1, 1, DUE);
        ScheduledStep second = reminder(31, 1, 2, DUE.plusSeconds(86_400));
        Instant bothDue = DUE.plusSeconds(2 * 86_400);
        assertThat(CampaignSteps.overtakenBy(first, second, bothDue)).isTrue();
        assertThat(CampaignSteps.overtakenBy(second, first, bothDue))
                .as("an earlier one does not overtake")
                .isFalse();
        assertThat(CampaignSteps.overtakenBy(first, second, DUE.plusSeconds(3600)))
                .as("the later one not due yet")
                .isFalse();
        assertThat(CampaignSteps.overtakenBy(first, reminder(32, 1, 2, DUE.plusSeconds(86_400)), bothDue))
                .as("another case's")
                .isFalse();
        assertThat(CampaignSteps.overtakenBy(first, reminder(31, 2, 2, DUE.plusSeconds(86_400)), bothDue))
                .as("another round's")
                .isFalse();
        second.done(bothDue, "reminder 2 sent");
        assertThat(CampaignSteps.overtakenBy(first, second, bothDue))
                .as("done counts: it went out")
                .isTrue();
        ScheduledStep cancelled = reminder(31, 1, 3, DUE.plusSeconds(86_400));
        cancelled.cancelled(DUE, "extension");
        assertThat(CampaignSteps.overtakenBy(first, cancelled, bothDue))
                .as("cancelled does not")
                .isFalse();
    }
}
