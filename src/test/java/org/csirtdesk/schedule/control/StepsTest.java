package org.csirtdesk.schedule.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.csirtdesk.support.ScratchPersistence.doInTransaction;
import static org.csirtdesk.support.ScratchPersistence.inTransaction;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.TransactionRetry;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.StepDue;
import org.csirtdesk.schedule.entity.StepOwner;
import org.csirtdesk.schedule.entity.StepsClaimed;
import org.csirtdesk.support.Observers;
import org.csirtdesk.support.ScratchPersistence;
import org.csirtdesk.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The step runner on a real MariaDB, without Payara: due steps claimed in batches and announced to their owners,
 * steps an owner leaves planned passed over, every step run once by concurrent workers, and a failing batch rolled
 * back whole with its steps run again one by one. The owners here are the test's observers.
 */
class StepsTest {

    private static final Instant NOW = Instant.parse("2027-01-11T09:00:00Z");
    private static final StepOwner A = new StepOwner("owner-a", 1);
    private static final StepOwner B = new StepOwner("owner-b", 2);

    private static ScratchPersistence database;

    @BeforeAll
    static void database() throws SQLException {
        database = ScratchPersistence.of("steps", ScheduledStep.class);
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @BeforeEach
    void noSteps() throws SQLException {
        database.sql("DELETE FROM schedule_steps");
    }

    /** A runner on an entity manager of its own, as each heartbeat worker has its transactions. */
    private static Steps runner(EntityManager em, Consumer<StepsClaimed> onBatch, Consumer<StepDue> onStep) {
        Schedule schedule = new Schedule();
        schedule.em = em;
        Steps steps = new Steps();
        steps.em = em;
        steps.schedule = schedule;
        steps.clock = new ApplicationClock() {
            @Override
            public Instant instant() {
                return NOW;
            }
        };
        steps.batches = new Observers<>(onBatch);
        steps.dueSteps = new Observers<>(onStep);
        return steps;
    }

    /** Plants steps with the bulk insert the planning uses; their ids by name. */
    private static Map<String, Long> plant(ScheduledStep... steps) {
        try (EntityManager em = database.entityManager()) {
            Schedule schedule = new Schedule();
            schedule.em = em;
            doInTransaction(em, tx -> schedule.insert(List.of(steps)));
            return em.createQuery("select s from ScheduledStep s", ScheduledStep.class).getResultList().stream()
                    .collect(Collectors.toMap(ScheduledStep::step, ScheduledStep::id));
        }
    }

    private static ScheduledStep step(StepOwner owner, String name, Duration fromNow) {
        return new ScheduledStep(owner, name, NOW.plus(fromNow));
    }

    private static ScheduledStep read(long id) {
        try (EntityManager em = database.entityManager()) {
            return em.find(ScheduledStep.class, id);
        }
    }

    @Test
    @DisplayName(
            "Due steps are claimed earliest first and announced to their owners: the batch, then each step; a step not due waits")
    void announcesDueStepsToTheirOwners() {
        Map<String, Long> ids = plant(
                step(B, "second", Duration.ofHours(-1)),
                step(A, "first", Duration.ofHours(-2)),
                step(A, "not-yet", Duration.ofHours(1)));
        List<String> announced = new ArrayList<>();
        List<Long> claimed = new ArrayList<>();
        try (EntityManager em = database.entityManager()) {
            Steps steps = runner(
                    em,
                    batch -> announced.add("batch of " + batch.steps().size() + ", "
                            + batch.of(A.kind()).size() + " of owner-a"),
                    due -> {
                        announced.add(due.step().step() + " to " + due.step().owner());
                        if (due.step().isOwnedBy(A.kind())) {
                            due.step().done(due.now(), "ran by owner-a");
                        } else {
                            due.step().skipped(due.now(), "needless for owner-b");
                        }
                    });
            Steps.Outcome outcome = inTransaction(em, tx -> steps.runDue(10, List.of(), claimed::addAll));
            assertThat(outcome.ran()).containsExactly(ids.get("first"), ids.get("second"));
            assertThat(outcome.passedOver()).isEmpty();
            assertThat(claimed).containsExactly(ids.get("first"), ids.get("second"));
            assertThat(announced)
                    .containsExactly("batch of 2, 1 of owner-a", "first to owner-a #1", "second to owner-b #2");
            assertThat(inTransaction(em, tx -> steps.runDue(10, List.of(), claimed::addAll))
                            .nothingDue())
                    .isTrue();
        }
        assertThat(read(ids.get("first")))
                .extracting(ScheduledStep::state, ScheduledStep::doneAt, ScheduledStep::outcome)
                .containsExactly(ScheduledStep.State.DONE, NOW, "ran by owner-a");
        assertThat(read(ids.get("second")).state()).isEqualTo(ScheduledStep.State.SKIPPED);
        assertThat(read(ids.get("not-yet")).state()).isEqualTo(ScheduledStep.State.PLANNED);
    }

    @Test
    @DisplayName(
            "A step its owner leaves planned (its row is busy) is passed over: not claimed again by that worker, claimed by the next beat")
    void passedOver() {
        Map<String, Long> ids = plant(step(A, "busy", Duration.ofMinutes(-2)), step(A, "free", Duration.ofMinutes(-1)));
        try (EntityManager em = database.entityManager()) {
            Consumer<StepDue> busyOwner = due -> {
                if (!due.step().step().equals("busy")) {
                    due.step().done(due.now(), "ran");
                }
            };
            Steps steps = runner(em, batch -> {}, busyOwner);
            Steps.Outcome outcome = inTransaction(em, tx -> steps.runDue(10, List.of(), claimed -> {}));
            assertThat(outcome.ran()).containsExactly(ids.get("free"));
            assertThat(outcome.passedOver()).containsExactly(ids.get("busy"));
            assertThat(inTransaction(em, tx -> steps.runDue(10, outcome.passedOver(), claimed -> {}))
                            .nothingDue())
                    .isTrue();
            Steps nextBeat = runner(em, batch -> {}, due -> due.step().done(due.now(), "the row was free again"));
            assertThat(inTransaction(em, tx -> nextBeat.runDue(10, List.of(), claimed -> {}))
                            .ran())
                    .containsExactly(ids.get("busy"));
        }
        assertThat(read(ids.get("busy")).outcome()).isEqualTo("the row was free again");
    }

    @Test
    @DisplayName(
            "Two workers at once (two instances' heartbeats) claim different steps: every step is announced and run once")
    void concurrentWorkersRunEachStepOnce() {
        List<ScheduledStep> planted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            planted.add(step(new StepOwner("owner-a", i), "step-" + i, Duration.ofMinutes(-10 + i)));
        }
        Map<String, Long> ids = plant(planted.toArray(ScheduledStep[]::new));
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        Consumer<StepDue> owner = due -> {
            runs.merge(due.step().id(), 1, Integer::sum);
            due.step().done(due.now(), "ran");
        };
        try (EntityManager first = database.entityManager();
                EntityManager second = database.entityManager()) {
            Steps one = runner(first, batch -> {}, owner);
            Steps other = runner(second, batch -> {}, owner);
            first.getTransaction().begin();
            Steps.Outcome held = one.runDue(3, List.of(), claimed -> {});
            // The first worker's transaction is still open and holds its three rows: the second claims past them.
            Steps.Outcome rest = inTransaction(second, tx -> other.runDue(10, List.of(), claimed -> {}));
            first.getTransaction().commit();
            assertThat(held.ran()).hasSize(3).doesNotContainAnyElementsOf(rest.ran());
            assertThat(rest.ran()).hasSize(5);
        }
        assertThat(runs).containsOnlyKeys(ids.values()).allSatisfy((id, count) -> assertThat(count)
                .isEqualTo(1));
    }

    @Test
    @DisplayName(
            "A batch with a failing step is rolled back whole; run again one per transaction, only the failing step fails and is put off")
    void failingStepFailsOnlyItself() {
        Map<String, Long> ids = plant(
                step(A, "before", Duration.ofMinutes(-3)),
                step(A, "broken", Duration.ofMinutes(-2)),
                step(A, "after", Duration.ofMinutes(-1)));
        try (EntityManager em = database.entityManager()) {
            Steps steps = runner(em, batch -> {}, due -> {
                if (due.step().step().equals("broken")) {
                    throw new IllegalStateException("the letter cannot be rendered");
                }
                due.step().done(due.now(), "ran");
            });
            List<Long> claimed = new ArrayList<>();
            assertThatThrownBy(() -> inTransaction(em, tx -> steps.runDue(10, List.of(), claimed::addAll)))
                    .hasMessageContaining("cannot be rendered");
            assertThat(claimed).containsExactly(ids.get("before"), ids.get("broken"), ids.get("after"));
            assertThat(read(ids.get("before")).state())
                    .as("rolled back with its batch")
                    .isEqualTo(ScheduledStep.State.PLANNED);
            for (long id : claimed) {
                try {
                    inTransaction(em, tx -> steps.runAlone(id));
                } catch (IllegalStateException e) {
                    doInTransaction(em, tx -> steps.failed(id, e.getMessage()));
                }
            }
        }
        assertThat(read(ids.get("before")).state()).isEqualTo(ScheduledStep.State.DONE);
        assertThat(read(ids.get("after")).state()).isEqualTo(ScheduledStep.State.DONE);
        assertThat(read(ids.get("broken")))
                .extracting(ScheduledStep::state, ScheduledStep::attempts, ScheduledStep::dueAt, ScheduledStep::outcome)
                .containsExactly(
                        ScheduledStep.State.PLANNED, 1, NOW.plus(Steps.RETRY_AFTER), "the letter cannot be rendered");
    }

    /**
     * A beat's batch as the heartbeat runs it: in a transaction of its own on a connection of its own (the pool's),
     * tried again by {@link TransactionRetry#BACKGROUND} when the database refused it for now. Each owner's work is
     * a follow-up step planned in the step's transaction, which a step run twice would plan twice.
     */
    private static Steps.Outcome beat(AtomicInteger attempts, Consumer<EntityManager> duringFirstStep) {
        return TransactionRetry.BACKGROUND.run("a batch of steps", () -> {
            int attempt = attempts.incrementAndGet();
            try (EntityManager em = database.entityManager()) {
                Schedule schedule = new Schedule();
                schedule.em = em;
                Steps steps = runner(em, batch -> {}, due -> {
                    schedule.insert(List.of(step(
                            due.step().owner(), "follow-up of " + due.step().step(), Duration.ofDays(1))));
                    if (attempt == 1 && due.step().step().equals("first")) {
                        duringFirstStep.accept(em);
                    }
                    due.step().done(due.now(), "ran in attempt " + attempt);
                });
                return inTransaction(em, tx -> steps.runDue(10, List.of(), claimed -> {}));
            }
        });
    }

    private static Map<String, Long> stepsByName() {
        try (EntityManager em = database.entityManager()) {
            return em
                    .createQuery("select s.step, count(s) from ScheduledStep s group by s.step", Object[].class)
                    .getResultList()
                    .stream()
                    .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
        }
    }

    @Test
    @DisplayName(
            "A batch whose connection is killed in the middle of a step (a database node lost) is rolled back whole and run again: each step once")
    void batchCutByALostConnectionRunsOnce() {
        Map<String, Long> ids =
                plant(step(A, "first", Duration.ofMinutes(-2)), step(B, "second", Duration.ofMinutes(-1)));
        AtomicInteger attempts = new AtomicInteger();
        Steps.Outcome outcome = beat(
                attempts,
                em -> TestDatabase.kill(
                        ((Number) em.createNativeQuery("SELECT CONNECTION_ID()").getSingleResult()).longValue()));
        assertThat(attempts).hasValue(2);
        assertThat(outcome.ran()).containsExactly(ids.get("first"), ids.get("second"));
        assertThat(read(ids.get("first")).outcome()).isEqualTo("ran in attempt 2");
        assertThat(stepsByName()).containsEntry("follow-up of first", 1L).containsEntry("follow-up of second", 1L);
    }

    @Test
    @DisplayName(
            "A batch whose commit went through but whose answer was lost is tried again and finds nothing due: no step twice")
    void batchWhoseCommitAnswerWasLostIsNotRunTwice() {
        Map<String, Long> ids =
                plant(step(A, "first", Duration.ofMinutes(-2)), step(B, "second", Duration.ofMinutes(-1)));
        AtomicInteger attempts = new AtomicInteger();
        Steps.Outcome outcome = TransactionRetry.BACKGROUND.run("a batch committed, its answer lost", () -> {
            Steps.Outcome committed = beat(new AtomicInteger(1), em -> {});
            if (attempts.incrementAndGet() == 1) {
                // What the client sees when the node dies between its commit and the answer.
                throw new PersistenceException(
                        new SQLNonTransientConnectionException("(conn=1) socket closed during COMMIT", "08000"));
            }
            return committed;
        });
        assertThat(attempts).hasValue(2);
        assertThat(outcome.nothingDue()).isTrue();
        assertThat(read(ids.get("first")).state()).isEqualTo(ScheduledStep.State.DONE);
        assertThat(stepsByName()).containsEntry("follow-up of first", 1L).containsEntry("follow-up of second", 1L);
    }
}
