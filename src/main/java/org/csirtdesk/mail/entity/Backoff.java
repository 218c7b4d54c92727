package org.csirtdesk.mail.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a message that failed for a passing reason is tried again: {@code first} after the first attempt, twice as
 * long after each further one, never longer than {@code longest}; after {@code attempts} attempts it is given up.
 */
public record Backoff(Duration first, Duration longest, int attempts) {

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= longest: " + first + ", " + longest);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("a backoff needs at least one attempt: " + attempts);
        }
    }

    /** The time of the next attempt after {@code made} attempts, the last at {@code at}; empty once they are used up. */
    public Optional<Instant> next(int made, Instant at) {
        if (made >= attempts) {
            return Optional.empty();
        }
        Duration wait = first;
        for (int i = 1; i < made && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(at.plus(wait.compareTo(longest) > 0 ? longest : wait));
    }

    /** How long a message may wait from its first attempt to its last. */
    public Duration giveUpAfter() {
        Instant at = Instant.EPOCH;
        for (int made = 1; made < attempts; made++) {
            at = next(made, at).orElseThrow();
        }
        return Duration.between(Instant.EPOCH, at);
    }
}
