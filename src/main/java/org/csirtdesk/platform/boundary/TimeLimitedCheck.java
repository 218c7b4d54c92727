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
 * a blocked one is still waiting, later probes wait for the same one, so no threads pile up behind a frozen
 * database.
 */
public final class TimeLimitedCheck<T> {

    /** Each check waits this long; the probe runs the checks one after the other, so two of them take 4 s at most. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    private final AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();

    /**
     * The work's result, by the one run now going or by a new one.
     *
     * @throws TimeoutException   when it has not ended within {@link #LIMIT} (it goes on, and a later call may find its end)
     * @throws ExecutionException when it failed
     */
    public T get(Supplier<T> work, Executor executor) throws TimeoutException, ExecutionException {
        CompletableFuture<T> check = running.updateAndGet(current ->
                current == null || current.isDone() ? CompletableFuture.supplyAsync(work, executor) : current);
        try {
            return check.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the check");
        }
    }
}
