package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;

/**
 * The RT store's own state: this installation's key in RT, the follower's lease and cursor (one row shared by every
 * instance), and whether RT answered this instance's last call (for {@code /health} and the desk).
 */
@ApplicationScoped
public class RtStoreState {

    /** What this instance saw of RT lately. */
    public record Reachability(boolean answering, Instant lastAnswerAt, String lastError, Instant lastErrorAt) {}

    private static final Logger LOG = Logger.getLogger(RtStoreState.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    /** This process, as the holder of the follower's lease. */
    private final String instance = UUID.randomUUID().toString();

    private volatile String installation;

    private final AtomicReference<Reachability> reachability =
            new AtomicReference<>(new Reachability(true, null, null, null));

    /**
     * The value of the "CSIRT Desk Ticket" custom field of a ticket's copy in RT: this installation's key and the
     * ticket's number, unique even when two installations share one RT.
     */
    public String ticketKey(long ticketId) {
        if (installation == null) {
            installation = readInstallation();
        }
        return installation + "-" + ticketId;
    }

    private String readInstallation() {
        return (String) em.createNativeQuery("SELECT installation FROM rt_store WHERE id = 1")
                .getSingleResult();
    }

    /**
     * Takes or renews the follower's lease for {@code length}; answers whether this instance holds it. Another
     * instance's lease is taken only once it ran out (its holder died or stopped).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean leaseFollowing(Duration length) {
        Instant now = clock.instant();
        return em.createNativeQuery("UPDATE rt_store SET follow_leased_by = :me, follow_lease_until = :until"
                                + " WHERE id = 1 AND (follow_leased_by IS NULL OR follow_leased_by = :me"
                                + " OR follow_lease_until < :now)")
                        .setParameter("me", instance)
                        .setParameter("until", RtJobs.utc(now.plus(length)))
                        .setParameter("now", RtJobs.utc(now))
                        .executeUpdate()
                == 1;
    }

    /** Where following RT goes on from: the newest change already followed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> cursor() {
        List<?> cursor = em.createNativeQuery(
                        "SELECT follow_cursor FROM rt_store WHERE id = 1 AND follow_cursor" + " IS NOT NULL")
                .getResultList();
        return cursor.stream().map(value -> toInstant(value)).findFirst();
    }

    /** Moves the cursor forward (never back), if this instance still holds the lease. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void advance(Instant to) {
        em.createNativeQuery("UPDATE rt_store SET follow_cursor = :to WHERE id = 1 AND follow_leased_by = :me"
                        + " AND (follow_cursor IS NULL OR follow_cursor < :to)")
                .setParameter("to", RtJobs.utc(to))
                .setParameter("me", instance)
                .executeUpdate();
    }

    public void answered() {
        Reachability before = reachability.get();
        if (!before.answering()) {
            LOG.info("RT answers again; the replication and the following go on");
        }
        reachability.set(new Reachability(true, clock.instant(), before.lastError(), before.lastErrorAt()));
    }

    public void unavailable(String error) {
        Reachability before = reachability.get();
        if (before.answering()) {
            LOG.warning("RT does not answer; tickets, changes and letters wait for it: " + error);
        }
        reachability.set(new Reachability(false, before.lastAnswerAt(), error, clock.instant()));
    }

    public boolean rtAnswering() {
        return reachability.get().answering();
    }

    public Reachability reachability() {
        return reachability.get();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected cursor value " + value);
    }
}
