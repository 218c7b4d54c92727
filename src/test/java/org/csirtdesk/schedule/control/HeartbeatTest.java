package org.csirtdesk.schedule.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.ExerciseClock;
import org.csirtdesk.platform.control.TransactionRetry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The heartbeat's batches: a batch that fails is rolled back whole, and its steps run again one per transaction. */
class HeartbeatTest {

    /**
     * Steps as the database would run them: a batch claims the first due steps, and is all or nothing. A step
     * named failing throws, alone or in a batch; put off, it is no longer due in this beat.
     */
    static class FakeSteps extends Steps {
        final Map<Long, Boolean> due = new LinkedHashMap<>();
        final long failing;
        final List<Long> ran = new ArrayList<>();
        final List<Long> putOff = new ArrayList<>();
        int batches;

        FakeSteps(long failing, long... ids) {
            this.failing = failing;
            for (long id : ids) {
                due.put(id, true);
            }
        }

        @Override
        public Outcome runDue(int limit, List<Long> passedOver, Consumer<List<Long>> claimed) {
            List<Long> batch = due.entrySet().stream()
                    .filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey)
                    .filter(id -> !passedOver.contains(id))
                    .limit(limit)
                    .toList();
            claimed.accept(batch);
            batches++;
            if (batch.contains(failing)) {
                throw new IllegalStateException("step #" + failing + " cannot be rendered");
            }
            return ranAll(batch);
        }

        @Override
        public Outcome runAlone(long stepId) {
            if (stepId == failing) {
                throw new IllegalStateException("step #" + failing + " cannot be rendered");
            }
            return Boolean.TRUE.equals(due.get(stepId)) ? ranAll(List.of(stepId)) : Outcome.NOTHING_DUE;
        }

        @Override
        public void failed(long stepId, String why) {
            putOff.add(stepId);
            due.put(stepId, false);
        }

        private Outcome ranAll(List<Long> batch) {
            batch.forEach(id -> due.put(id, false));
            ran.addAll(batch);
            return new Outcome(batch, List.of());
        }
    }

    private static Heartbeat heartbeat(FakeSteps steps, int batch) {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.clock = new ApplicationClock();
        heartbeat.exercise = new ExerciseClock();
        heartbeat.schedule = new Schedule() {
            @Override
            public boolean anyDue(Instant now) {
                return true;
            }
        };
        heartbeat.steps = steps;
        heartbeat.workers = 1;
        heartbeat.batch = batch;
        // Runs a worker in the calling thread.
        heartbeat.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                HeartbeatTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("submit") && args[0] instanceof Runnable task) {
                        task.run();
                        return CompletableFuture.completedFuture(null);
                    }
                    if (method.getName().equals("submit") && args[0] instanceof Callable<?> task) {
                        return CompletableFuture.completedFuture(task.call());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return heartbeat;
    }

    @Test
    @DisplayName("A batch runs several steps in one transaction")
    void batches() {
        FakeSteps steps = new FakeSteps(0, 1, 2, 3, 4, 5, 6, 7);
        Heartbeat heartbeat = heartbeat(steps, 3);
        heartbeat.beat();
        assertThat(steps.ran).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(steps.batches).isEqualTo(4);
        assertThat(heartbeat.stats().stepsRun()).isEqualTo(7);
        assertThat(heartbeat.stats().stepsFailed()).isZero();
    }

    @Test
    @DisplayName(
            "A failing step fails only itself: its batch runs again step by step, it is put off, every other step runs once")
    void failingStepAlone() {
        FakeSteps steps = new FakeSteps(5, 1, 2, 3, 4, 5, 6, 7);
        Heartbeat heartbeat = heartbeat(steps, 3);
        heartbeat.beat();
        assertThat(steps.ran).containsExactly(1L, 2L, 3L, 4L, 6L, 7L);
        assertThat(steps.putOff).containsExactly(5L);
        assertThat(heartbeat.stats().stepsRun()).isEqualTo(6);
        assertThat(heartbeat.stats().stepsFailed()).isEqualTo(1);
    }

    /** Steps whose batches the database refuses the first {@code refusals} times: a deadlock, as MariaDB says it. */
    static class RefusedSteps extends FakeSteps {
        int refusals;

        RefusedSteps(int refusals, long... ids) {
            super(0, ids);
            this.refusals = refusals;
        }

        @Override
        public Outcome runDue(int limit, List<Long> passedOver, Consumer<List<Long>> claimed) {
            if (refusals > 0) {
                refusals--;
                claimed.accept(List.copyOf(due.keySet()));
                throw new PersistenceException(new SQLTransactionRollbackException(
                        "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
            }
            return super.runDue(limit, passedOver, claimed);
        }
    }

    @Test
    @DisplayName("A batch the database refused for now (error 1213) is tried again whole, and its steps run once")
    void refusedBatchIsTriedAgain() {
        RefusedSteps steps = new RefusedSteps(2, 1, 2, 3);
        Heartbeat heartbeat = heartbeat(steps, 10);
        heartbeat.beat();
        assertThat(steps.ran).containsExactly(1L, 2L, 3L);
        assertThat(steps.putOff).isEmpty();
        assertThat(heartbeat.stats().stepsFailed()).isZero();
    }

    @Test
    @DisplayName(
            "A batch the database keeps refusing is left for the next beat: no step is put off or split out, the next beat runs them")
    void batchStillRefusedWaitsForTheNextBeat() {
        RefusedSteps steps = new RefusedSteps(TransactionRetry.BACKGROUND.attempts(), 1, 2, 3);
        Heartbeat heartbeat = heartbeat(steps, 10);
        heartbeat.beat();
        assertThat(steps.ran).isEmpty();
        assertThat(steps.putOff).isEmpty();
        assertThat(heartbeat.stats().stepsFailed()).isZero();
        heartbeat.beat();
        assertThat(steps.ran).containsExactly(1L, 2L, 3L);
    }
}
