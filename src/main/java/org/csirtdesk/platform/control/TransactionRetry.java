package org.csirtdesk.platform.control;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A transaction tried again when the database refused it for now ({@link DatabaseTrouble}): a deadlock, a Galera
 * certification failure (both error 1213, SQLSTATE 40001), a lock wait timeout, or the connection lost when a node
 * fails over. Such a transaction was rolled back whole, so running it again does it once; one whose commit was
 * cut may have committed, so what is retried must find its work by state (a claim of what is still due), never
 * assume it undone. The transaction is the callee's ({@code REQUIRES_NEW}): the retry must stand outside it, which
 * MicroProfile Fault Tolerance's {@code @Retry} cannot on the same method (its interceptor runs inside
 * {@code @Transactional}'s, and its {@code retryOn} sees only the outer exception, not the SQL cause Hibernate and
 * the transaction wrapped).
 *
 * @param attempts how many times in all the transaction runs at most
 * @param pause the pause after the first failure, growing with each attempt, with jitter so that two instances that
 *     collided do not collide again
 * @param on the troubles worth another attempt
 */
public record TransactionRetry(int attempts, Duration pause, Set<DatabaseTrouble> on) {

    /**
     * For a request: a lock conflict is tried again at once; an unreachable database is not, which would only hold
     * the request longer (it is answered 503 with Retry-After).
     */
    public static final TransactionRetry REQUEST =
            new TransactionRetry(4, Duration.ofMillis(25), Set.of(DatabaseTrouble.BUSY));

    /**
     * For the heartbeat and the outbox sender: lock conflicts and lost connections alike, with pauses that add up
     * to about 3 s, the time the connection pool needs to reach the next Galera node. What still fails is left for
     * the next beat or round.
     */
    public static final TransactionRetry BACKGROUND =
            new TransactionRetry(5, Duration.ofMillis(150), Set.of(DatabaseTrouble.BUSY, DatabaseTrouble.UNAVAILABLE));

    private static final Logger LOG = Logger.getLogger(TransactionRetry.class.getName());

    /** Runs {@code transaction} until it succeeds, fails otherwise, or has used its attempts; its last failure then. */
    public <T> T run(String what, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                DatabaseTrouble trouble = DatabaseTrouble.of(e).orElse(null);
                if (attempt == attempts || !on.contains(trouble)) {
                    throw e;
                }
                int next = attempt + 1;
                LOG.info(() -> what + ": " + trouble.reason + " (" + e + "); attempt " + next + " of " + attempts);
                pause(attempt);
            }
        }
    }

    public void run(String what, Runnable transaction) {
        run(what, () -> {
            transaction.run();
            return null;
        });
    }

    private void pause(int attempt) {
        long longest = pause.toMillis() * attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(longest / 2, longest + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}
