package org.csirtdesk.schedule.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.DatabaseTrouble;
import org.csirtdesk.platform.control.ExerciseClock;
import org.csirtdesk.platform.control.TransactionRetry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One beat of the schedule: if any step is due, a few workers claim and run due steps, a batch of them per
 * transaction ({@link Steps}), until none is left. Every instance beats; the database's row locks share the work out. A beat
 * that finds the previous one still working leaves it to finish. What the beats cost is kept for
 * {@code /api/schedule}.
 */
@ApplicationScoped
public class Heartbeat {

    /** What the beats have done since the start. */
    public record Stats(
            Instant lastBeatAt,
            long beats,
            long idleBeats,
            long lastIdleMicros,
            long maxIdleMicros,
            long stepsRun,
            long stepsFailed,
            long lastBusyMillis,
            long lastBusySteps) {}

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    private static final Duration LONGEST_BEAT = Duration.ofMinutes(5);
    private static final TransactionRetry RETRY = TransactionRetry.BACKGROUND;

    @Inject
    ApplicationClock clock;

    @Inject
    ExerciseClock exercise;

    @Inject
    Schedule schedule;

    @Inject
    Steps steps;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "csirt.schedule.workers", defaultValue = "4")
    int workers;

    /** How many due steps a worker claims and runs in one transaction. */
    @Inject
    @ConfigProperty(name = "csirt.schedule.batch", defaultValue = "25")
    int batch;

    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicLong beats = new AtomicLong();
    private final AtomicLong idleBeats = new AtomicLong();
    private final AtomicLong lastIdleMicros = new AtomicLong();
    private final AtomicLong maxIdleMicros = new AtomicLong();
    private final AtomicLong stepsRun = new AtomicLong();
    private final AtomicLong stepsFailed = new AtomicLong();
    private final AtomicLong lastBusyMillis = new AtomicLong();
    private final AtomicLong lastBusySteps = new AtomicLong();
    private volatile Instant lastBeatAt;

    public void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        try {
            long started = System.nanoTime();
            beats.incrementAndGet();
            exercise.takeUpMoves();
            lastBeatAt = clock.instant();
            if (!schedule.anyDue(lastBeatAt)) {
                long micros = (System.nanoTime() - started) / 1_000;
                idleBeats.incrementAndGet();
                lastIdleMicros.set(micros);
                maxIdleMicros.accumulateAndGet(micros, Math::max);
                return;
            }
            long before = stepsRun.get();
            runDueSteps(started + LONGEST_BEAT.toNanos());
            lastBusyMillis.set((System.nanoTime() - started) / 1_000_000);
            lastBusySteps.set(stepsRun.get() - before);
        } finally {
            beating.set(false);
        }
    }

    private void runDueSteps(long stopAt) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            running.add(executor.submit(() -> work(stopAt)));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "a schedule worker stopped", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Claims and runs batches of steps until none is due. A batch the database refused for now (a deadlock, a Galera
     * certification failure, a connection lost in a failover) was rolled back whole and is tried again as it was
     * ({@link TransactionRetry#BACKGROUND}), and left for the next beat if it still fails: a retry claims only what
     * is still planned, so a step whose commit went through before the connection was lost does not run again. A
     * batch that fails otherwise runs again one step per transaction, and a step that fails by itself is put off
     * while the worker goes on.
     */
    private void work(long stopAt) {
        List<Long> passedOver = new ArrayList<>();
        List<Long> claimed = new ArrayList<>();
        while (System.nanoTime() < stopAt) {
            Steps.Outcome outcome;
            try {
                outcome = RETRY.run("a batch of schedule steps", () -> {
                    claimed.clear();
                    return steps.runDue(batch, passedOver, claimed::addAll);
                });
            } catch (RuntimeException e) {
                if (claimed.isEmpty() || DatabaseTrouble.of(e).isPresent()) {
                    LOG.log(Level.WARNING, "the schedule's steps are left for the next beat", e);
                    return;
                }
                LOG.log(
                        Level.WARNING,
                        "a batch of " + claimed.size() + " schedule steps failed; each runs again by itself",
                        e);
                if (!runAlone(List.copyOf(claimed), passedOver)) {
                    return;
                }
                continue;
            }
            if (outcome.nothingDue()) {
                return;
            }
            stepsRun.addAndGet(outcome.ran().size());
            passedOver.addAll(outcome.passedOver());
        }
    }

    /**
     * Runs steps one per transaction; false if the worker should stop: a failed one could not even be put off, or
     * the database cannot serve now (the rest are left for the next beat).
     */
    private boolean runAlone(List<Long> stepIds, List<Long> passedOver) {
        for (long stepId : stepIds) {
            try {
                Steps.Outcome outcome = RETRY.run("schedule step #" + stepId, () -> steps.runAlone(stepId));
                stepsRun.addAndGet(outcome.ran().size());
                passedOver.addAll(outcome.passedOver());
            } catch (RuntimeException e) {
                if (DatabaseTrouble.of(e).isPresent()) {
                    LOG.log(Level.WARNING, "schedule step #" + stepId + " is left for the next beat", e);
                    return false;
                }
                stepsFailed.incrementAndGet();
                LOG.log(
                        Level.WARNING,
                        "schedule step #" + stepId + " failed; it is tried again in " + Steps.RETRY_AFTER,
                        e);
                if (!putOff(stepId, e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Puts a failed step off in a transaction of its own, so the failure cannot roll that back. */
    private boolean putOff(long stepId, RuntimeException failure) {
        try {
            RETRY.run("putting off step #" + stepId, () -> steps.failed(stepId, String.valueOf(failure.getMessage())));
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed step #" + stepId + " could not be put off", e);
            return false;
        }
    }

    public Stats stats() {
        return new Stats(
                lastBeatAt,
                beats.get(),
                idleBeats.get(),
                lastIdleMicros.get(),
                maxIdleMicros.get(),
                stepsRun.get(),
                stepsFailed.get(),
                lastBusyMillis.get(),
                lastBusySteps.get());
    }
}
