package org.csirtdesk.platform.boundary;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A health check's database work, waited for at most {@link #LIMIT}: a frozen database (or a network that
 * swallows packets) blocks a JDBC call with no time limit of its own, and a readiness probe that never answers is
 * worse than one that says what it could not find out. The work runs on a thread of its own, one at a time: while
 * a blocked one is still going, later probes do not start another, so no threads pile up behind a frozen database;
 * once it has been going for longer than the limit they do not wait for it either, so a probe that meets a frozen
 * database answers at once, whichever endpoint asks ({@code /health} runs every check, {@code /health/ready} the
 * readiness ones) and however often.
 */
public final class TimeLimitedCheck<T> {

    /** Each check waits this long; the probe runs the checks one after the other, so two of them take 4 s at most. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    /** A run of the work, and when it started ({@link System#nanoTime()}). */
    private record Run<T>(CompletableFuture<T> result, long startedAt) {

        boolean overdue(long now) {
            return !result.isDone() && now - startedAt >= LIMIT.toNanos();
        }
    }

    private final AtomicReference<Run<T>> running = new AtomicReference<>();

    /**
     * The work's result, by the one run now going or by a new one.
     *
     * @throws TimeoutException   when it has not ended within {@link #LIMIT}, or the run still going had already
     *                            taken longer (it goes on, and a later call may find its end)
     * @throws ExecutionException when it failed
     */
    public T get(Supplier<T> work, Executor executor) throws TimeoutException, ExecutionException {
        Run<T> run = running.updateAndGet(
                current -> current == null || current.result().isDone()
                        ? new Run<>(CompletableFuture.supplyAsync(work, executor), System.nanoTime())
                        : current);
        long now = System.nanoTime();
        if (run.overdue(now)) {
            throw new TimeoutException("the check started "
                    + Duration.ofNanos(now - run.startedAt()).toSeconds() + " s ago has not ended");
        }
        long left = LIMIT.toNanos() - (now - run.startedAt());
        try {
            return run.result().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the check");
        }
    }
}
