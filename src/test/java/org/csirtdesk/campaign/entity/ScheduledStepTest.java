package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.campaign.entity.ScheduledStep.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A step of the schedule: planned until it is done, skipped or cancelled; a step done stays done. */
class ScheduledStepTest {

    private static final Instant DUE = Instant.parse("2027-01-09T09:00:00Z");
    private static final Instant RAN = Instant.parse("2027-01-09T09:00:31Z");

    private static ScheduledStep reminder() {
        return new ScheduledStep(7, 31L, StepName.reminder(1, 1), DUE);
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(State.class)
    @DisplayName("The step's transition table: only a planned step moves, and a cancelled one may be planned again")
    void table(State from) {
        Map<State, Set<State>> allowed = Map.of(State.PLANNED, EnumSet.of(State.DONE, State.SKIPPED, State.CANCELLED),
                State.DONE, EnumSet.noneOf(State.class), State.SKIPPED, EnumSet.noneOf(State.class),
                State.CANCELLED, EnumSet.of(State.PLANNED));
        for (State to : State.values()) {
            assertThat(from.canMoveTo(to)).as(from + " → " + to).isEqualTo(allowed.get(from).contains(to));
        }
    }

    @Test
    @DisplayName("SEC03-2.5: a reminder that ran is done, with when and what; it cannot run again")
    void doneStaysDone() {
        ScheduledStep step = reminder();
        assertThat(step.state()).isEqualTo(State.PLANNED);
        step.done(RAN, "reminder sent to NIKHEF-ELPROD");
        assertThat(step.state()).isEqualTo(State.DONE);
        assertThat(step.doneAt()).isEqualTo(RAN);
        assertThat(step.outcome()).isEqualTo("reminder sent to NIKHEF-ELPROD");
        assertThatThrownBy(() -> step.done(RAN, "again")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("r1/reminder-1");
        assertThatThrownBy(() -> step.cancelled(RAN, "extension")).isInstanceOf(IllegalStateException.class);
        step.planFor(DUE.plusSeconds(86_400));
        assertThat(step.state()).isEqualTo(State.DONE);
    }

    @Test
    @DisplayName("SEC03-4.3: a cancelled step whose time comes back is planned again for its new time")
    void cancelledPlannedAgain() {
        ScheduledStep step = new ScheduledStep(7, 31L, StepName.ofCase(StepName.Kind.DEADLINE, 1, 2), DUE);
        step.cancelled(RAN, "vetoed");
        assertThat(step.state()).isEqualTo(State.CANCELLED);
        step.planFor(DUE.plusSeconds(3600));
        assertThat(step.state()).isEqualTo(State.PLANNED);
        assertThat(step.dueAt()).isEqualTo(DUE.plusSeconds(3600));
        assertThat(step.doneAt()).isNull();
        assertThat(step.outcome()).isNull();
    }

    @Test
    @DisplayName("A skipped step stays skipped")
    void skipped() {
        ScheduledStep step = reminder();
        step.skipped(RAN, "site clear");
        assertThatThrownBy(() -> step.done(RAN, "late")).isInstanceOf(IllegalStateException.class);
        assertThat(step.state()).isEqualTo(State.SKIPPED);
    }

    @Test
    @DisplayName("A failed run is counted and tried again later; a long reason is cut to 500 characters")
    void failed() {
        ScheduledStep step = reminder();
        step.failed(RAN.plusSeconds(300), "x".repeat(600));
        step.failed(RAN.plusSeconds(900), "mail server down");
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(step.dueAt()).isEqualTo(RAN.plusSeconds(900));
        assertThat(step.state()).isEqualTo(State.PLANNED);
        assertThat(step.outcome()).isEqualTo("mail server down");
        step.failed(RAN, "y".repeat(600));
        assertThat(step.outcome()).hasSize(500).endsWith("…");
    }

    @Test
    @DisplayName("Times are kept to the microsecond, as the database stores them")
    void micros() {
        ScheduledStep step = new ScheduledStep(7, null, StepName.campaign(StepName.Kind.ADVISORY),
                Instant.parse("2027-01-04T09:00:00.123456789Z"));
        assertThat(step.dueAt()).isEqualTo(Instant.parse("2027-01-04T09:00:00.123456Z"));
        assertThat(step.caseId()).isNull();
        assertThat(step.step()).isEqualTo("advisory");
    }

    @Test
    @DisplayName("SEC03-2.5: a reminder is overtaken only by a later live reminder of its case and round that is due too")
    void overtakenByLaterReminder() {
        ScheduledStep first = reminder();
        ScheduledStep second = new ScheduledStep(7, 31L, StepName.reminder(1, 2), DUE.plusSeconds(86_400));
        Instant bothDue = DUE.plusSeconds(2 * 86_400);
        assertThat(first.overtakenBy(second, bothDue)).isTrue();
        assertThat(second.overtakenBy(first, bothDue)).as("an earlier one does not overtake").isFalse();
        assertThat(first.overtakenBy(second, DUE.plusSeconds(3600))).as("the later one not due yet").isFalse();
        assertThat(first.overtakenBy(new ScheduledStep(7, 32L, StepName.reminder(1, 2), DUE.plusSeconds(86_400)), bothDue))
                .as("another case's").isFalse();
        assertThat(first.overtakenBy(new ScheduledStep(7, 31L, StepName.reminder(2, 2), DUE.plusSeconds(86_400)), bothDue))
                .as("another round's").isFalse();
        second.done(bothDue, "reminder 2 sent");
        assertThat(first.overtakenBy(second, bothDue)).as("done counts: it went out").isTrue();
        ScheduledStep cancelled = new ScheduledStep(7, 31L, StepName.reminder(1, 3), DUE.plusSeconds(86_400));
        cancelled.cancelled(DUE, "extension");
        assertThat(first.overtakenBy(cancelled, bothDue)).as("cancelled does not").isFalse();
    }
}
