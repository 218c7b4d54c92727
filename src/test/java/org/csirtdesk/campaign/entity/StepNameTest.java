package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.csirtdesk.campaign.entity.StepName.Kind;
import org.csirtdesk.campaign.entity.StepName.Scope;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The names of scheduled steps: unique within a campaign or case, stored as text, parsed back. */
class StepNameTest {

    @Test
    @DisplayName(
            "The heads-up, the advisory and the escalation belong to the campaign; every other step to one site's case")
    void scopes() {
        assertThat(Arrays.stream(Kind.values()).filter(kind -> kind.scope() == Scope.CAMPAIGN))
                .containsExactly(Kind.HEADS_UP, Kind.ADVISORY, Kind.ESCALATION);
        assertThat(Arrays.stream(Kind.values()).filter(kind -> kind.scope() == Scope.CASE))
                .containsExactly(
                        Kind.TICKET,
                        Kind.REMINDER,
                        Kind.REINTRODUCTION,
                        Kind.REINTRODUCTION_CHECK,
                        Kind.FINAL_WARNING,
                        Kind.DEADLINE);
    }

    @Test
    @DisplayName("Campaign steps are named by their slug alone")
    void campaignNames() {
        assertThat(StepName.campaign(Kind.HEADS_UP)).hasToString("heads-up");
        assertThat(StepName.campaign(Kind.ADVISORY)).hasToString("advisory");
        assertThat(StepName.campaign(Kind.ESCALATION)).hasToString("escalation");
    }

    @Test
    @DisplayName(
            "Case steps carry their round; only the final warning and the deadline carry the deadline round; reminders their number")
    void caseNames() {
        assertThat(StepName.ofCase(Kind.TICKET, 1, 3)).hasToString("r1/ticket");
        assertThat(StepName.ofCase(Kind.REINTRODUCTION, 2, 2)).hasToString("r2/reintroduction");
        assertThat(StepName.ofCase(Kind.REINTRODUCTION_CHECK, 2, 2)).hasToString("r2/check");
        assertThat(StepName.ofCase(Kind.FINAL_WARNING, 1, 1)).hasToString("r1/d1/final-warning");
        assertThat(StepName.ofCase(Kind.FINAL_WARNING, 3, 2)).hasToString("r3/d2/final-warning");
        assertThat(StepName.ofCase(Kind.DEADLINE, 2, 4)).hasToString("r2/d4/deadline");
        assertThat(StepName.reminder(1, 1)).hasToString("r1/reminder-1");
        assertThat(StepName.reminder(2, 12)).hasToString("r2/reminder-12");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("Every kind of step survives toString and parse, in every round and deadline round")
    void roundTripEveryKind(Kind kind) {
        List<StepName> names = kind.scope() == Scope.CAMPAIGN
                ? List.of(StepName.campaign(kind))
                : kind == Kind.REMINDER
                        ? List.of(StepName.reminder(1, 1), StepName.reminder(1, 9), StepName.reminder(4, 23))
                        : List.of(
                                StepName.ofCase(kind, 1, 1),
                                StepName.ofCase(kind, 1, 2),
                                StepName.ofCase(kind, 3, 1),
                                StepName.ofCase(kind, 12, 10));
        for (StepName name : names) {
            StepName parsed = StepName.parse(name.toString());
            assertThat(parsed).as(name.toString()).isEqualTo(name);
            assertThat(parsed.kind().scope()).isEqualTo(kind.scope());
            assertThat(parsed).hasToString(name.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "heads-up",
                "advisory",
                "escalation",
                "r1/ticket",
                "r1/reminder-1",
                "r1/reminder-10",
                "r2/reintroduction",
                "r2/check",
                "r1/d1/final-warning",
                "r2/d3/final-warning",
                "r1/d1/deadline",
                "r5/d2/deadline"
            })
    @DisplayName("Stored names parse to the step they name and print back unchanged")
    void roundTripStoredNames(String stored) {
        assertThat(StepName.parse(stored)).hasToString(stored);
    }

    @Test
    @DisplayName("Parsing takes the name apart: round, deadline round, kind and reminder number")
    void parts() {
        assertThat(StepName.parse("r3/d2/final-warning")).isEqualTo(new StepName(Kind.FINAL_WARNING, 3, 2, 0));
        assertThat(StepName.parse("r2/reminder-7")).isEqualTo(new StepName(Kind.REMINDER, 2, 0, 7));
        assertThat(StepName.parse("r1/check")).isEqualTo(new StepName(Kind.REINTRODUCTION_CHECK, 1, 0, 0));
        assertThat(StepName.parse("heads-up")).isEqualTo(new StepName(Kind.HEADS_UP, 0, 0, 0));
    }

    @Test
    @DisplayName(
            "SEC03-4.3: an extension renames the final warning and the deadline, never the ticket or the reminders")
    void extensionNames() {
        assertThat(StepName.ofCase(Kind.TICKET, 1, 2)).isEqualTo(StepName.ofCase(Kind.TICKET, 1, 1));
        assertThat(StepName.ofCase(Kind.REINTRODUCTION_CHECK, 2, 2))
                .isEqualTo(StepName.ofCase(Kind.REINTRODUCTION_CHECK, 2, 1));
        assertThat(StepName.ofCase(Kind.FINAL_WARNING, 1, 2)).isNotEqualTo(StepName.ofCase(Kind.FINAL_WARNING, 1, 1));
        assertThat(StepName.ofCase(Kind.DEADLINE, 1, 2)).isNotEqualTo(StepName.ofCase(Kind.DEADLINE, 1, 1));
    }

    @Test
    @DisplayName("An unknown step name is refused")
    void unknown() {
        assertThatThrownBy(() -> StepName.parse("r1/lunch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step kind lunch");
        assertThatThrownBy(() -> StepName.parse("coffee")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("A scheduled step stores its name as text, parsed back to the same name")
    void scheduledStepName() {
        ScheduledStep step = new ScheduledStep(
                CampaignCase.stepOwner(11),
                StepName.ofCase(Kind.FINAL_WARNING, 2, 3).toString(),
                Instant.parse("2027-01-10T09:00:00Z"));
        assertThat(step.step()).isEqualTo("r2/d3/final-warning");
        assertThat(StepName.parse(step.step())).isEqualTo(StepName.ofCase(Kind.FINAL_WARNING, 2, 3));
    }
}
