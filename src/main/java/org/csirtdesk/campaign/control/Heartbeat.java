package org.csirtdesk.campaign.control;

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
import org.csirtdesk.platform.control.ExerciseClock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One beat of the schedule: if any step is due, a few workers claim and run due steps, each in its own
 * transaction, until none is left. Every instance beats; the database's row locks share the work out. A beat
 * that finds the previous one still working leaves it to finish. What the beats cost is kept for
 * {@code /api/schedule}.
 */
@ApplicationScoped
public class Heartbeat {

    /** What the beats have done since the start. */
    public record Stats(Instant lastBeatAt, long beats, long idleBeats, long lastIdleMicros, long maxIdleMicros,
                        long stepsRun, long stepsFailed, long lastBusyMillis, long lastBusySteps) {
    }

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    private static final Duration LONGEST_BEAT = Duration.ofMinutes(5);

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

    /** Claims and runs steps until none is due; a step that fails is put off and the worker goes on. */
    private void work(long stopAt) {
        List<Long> passedOver = new ArrayList<>();
        AtomicLong claimed = new AtomicLong();
        while (System.nanoTime() < stopAt) {
            Steps.Outcome outcome;
            claimed.set(0);
            try {
                outcome = steps.runNext(passedOver, claimed::set);
            } catch (RuntimeException e) {
                stepsFailed.incrementAndGet();
                LOG.log(Level.WARNING, "schedule step #" + claimed.get() + " failed; it is tried again in " + Steps.RETRY_AFTER, e);
                if (claimed.get() == 0 || !putOff(claimed.get(), e)) {
                    return;
                }
                continue;
            }
            if (outcome.nothingDue()) {
                return;
            }
            if (outcome.ran()) {
                stepsRun.incrementAndGet();
            } else {
                passedOver.add(outcome.stepId());
            }
        }
    }

    /** Puts a failed step off in a transaction of its own, so the failure cannot roll that back. */
    private boolean putOff(long stepId, RuntimeException failure) {
        try {
            steps.failed(stepId, String.valueOf(failure.getMessage()));
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed step #" + stepId + " could not be put off", e);
            return false;
        }
    }

    public Stats stats() {
        return new Stats(lastBeatAt, beats.get(), idleBeats.get(), lastIdleMicros.get(), maxIdleMicros.get(), stepsRun.get(),
                stepsFailed.get(), lastBusyMillis.get(), lastBusySteps.get());
    }
}
