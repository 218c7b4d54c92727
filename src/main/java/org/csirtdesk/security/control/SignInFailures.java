package org.csirtdesk.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * The sign-in throttle's counts in the database, a row per user name or address and window, so that every
 * instance of the application adds to the same count: a guesser spreading attempts over the instances behind a
 * load balancer is counted once. Each failure is one atomic upsert ({@code INSERT ... ON DUPLICATE KEY UPDATE}),
 * in a transaction of its own, so two instances counting at once both count.
 */
@ApplicationScoped
public class SignInFailures {

    @PersistenceContext
    EntityManager em;

    /**
     * Counts a failure against the key, in a new window when the last one has passed, atomically however many
     * instances count at once.
     *
     * @return the failures of the key's current window, this one included
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int count(String key, Instant now, Duration window) {
        // MariaDB assigns left to right: the count is decided on the old window's start before that moves.
        em.createNativeQuery("INSERT INTO sign_in_failures (tally_key, since, failures) VALUES (?1, ?2, 1) "
                        + "ON DUPLICATE KEY UPDATE failures = IF(since <= ?3, 1, failures + 1), "
                        + "since = IF(since <= ?3, ?2, since)")
                .setParameter(1, key)
                .setParameter(2, now)
                .setParameter(3, now.minus(window))
                .executeUpdate();
        return ((Number) em.createNativeQuery("SELECT failures FROM sign_in_failures WHERE tally_key = ?1")
                        .setParameter(1, key)
                        .getSingleResult())
                .intValue();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clear(String key) {
        em.createNativeQuery("DELETE FROM sign_in_failures WHERE tally_key = ?1")
                .setParameter(1, key)
                .executeUpdate();
    }

    /** Deletes the counts whose window has passed; every instance may, a second delete finds nothing. */
    @Transactional
    public int purge(Instant now, Duration window) {
        return em.createNativeQuery("DELETE FROM sign_in_failures WHERE since <= ?1")
                .setParameter(1, now.minus(window))
                .executeUpdate();
    }
}
