package org.csirtdesk.schedule.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.schedule.entity.ScheduledStep.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A step of the schedule: planned until it is done, skipped or cancelled; a step done stays done. */
class ScheduledStepTest {

    private static final Instant DUE = Instant.parse("2027-01-09T09:00:00Z");
    private static final Instant RAN = Instant.parse("2027-01-09T09:00:31Z");

    private static final StepOwner CASE = new StepOwner("campaign-case", 31);

    private static ScheduledStep reminder() {
        return new ScheduledStep(CASE, "r1/reminder-1", DUE);
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(State.class)
    @DisplayName("The step's transition table: only a planned step moves, and a cancelled one may be planned again")
    void table(State from) {
        Map<State, Set<State>> allowed = Map.of(
                State.PLANNED,
                EnumSet.of(State.DONE, State.SKIPPED, State.CANCELLED),
                State.DONE,
                EnumSet.noneOf(State.class),
                State.SKIPPED,
                EnumSet.noneOf(State.class),
                State.CANCELLED,
                EnumSet.of(State.PLANNED));
        for (State to : State.values()) {
            assertThat(from.canMoveTo(to))
                    .as(from + " → " + to)
                    .isEqualTo(allowed.get(from).contains(to));
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
        assertThatThrownBy(() -> step.done(RAN, "again"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("r1/reminder-1");
        assertThatThrownBy(() -> step.cancelled(RAN, "extension")).isInstanceOf(IllegalStateException.class);
        step.planFor(DUE.plusSeconds(86_400));
        assertThat(step.state()).isEqualTo(State.DONE);
    }

    @Test
    @DisplayName("SEC03-4.3: a cancelled step whose time comes back is planned again for its new time")
    void cancelledPlannedAgain() {
        ScheduledStep step = new ScheduledStep(CASE, "r1/d2/deadline", DUE);
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
        ScheduledStep step = new ScheduledStep(
                new StepOwner("campaign", 7), "advisory", Instant.parse("2027-01-04T09:00:00.123456789Z"));
        assertThat(step.dueAt()).isEqualTo(Instant.parse("2027-01-04T09:00:00.123456Z"));
        assertThat(step.owner()).isEqualTo(new StepOwner("campaign", 7));
        assertThat(step.isOwnedBy("campaign")).isTrue();
        assertThat(step.step()).isEqualTo("advisory");
    }

    @Test
    @DisplayName("A step's owner has a kind of 1 to 32 characters, as its column holds")
    void ownerKind() {
        assertThatThrownBy(() -> new StepOwner(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepOwner("k".repeat(33), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StepOwner("incident-deadline", 4)).hasToString("incident-deadline #4");
    }
}
