package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.entity.RefreshSummary;
import org.csirtdesk.site.entity.RegistryRefreshState;
import org.csirtdesk.site.entity.RegistrySnapshot;
import org.csirtdesk.site.entity.Site;

/**
 * Refreshes the local copy from the registry: on a schedule when the last attempt is older than the
 * interval, and on demand. The registry is read outside any transaction (it may be slow), then the copy is
 * written in one. A refresh that fails changes nothing in the copy, and says so in the state row.
 */
@ApplicationScoped
public class RegistryRefresh {

    private static final Logger LOG = Logger.getLogger(RegistryRefresh.class.getName());
    /** A claim older than this belongs to an instance that died mid-refresh. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(15);

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /** How a refresh ended. */
    public record Outcome(boolean refreshed, Duration took, Optional<RefreshSummary> summary, Optional<String> error) {}

    @Inject
    SiteRegistry registry;

    @Inject
    RegistryCopy copy;

    @Inject
    SiteSettings settings;

    @Inject
    ApplicationClock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    RegistryRefresh self;

    /** The timer's call: refreshes only when due and no other instance is at it. */
    public void refreshIfDue() {
        Instant now = clock.instant();
        if (self.claim(now, now.minus(settings.refreshInterval()))) {
            run(now);
        }
    }

    /** A refresh now, whatever the schedule; refused while another one runs. */
    public Outcome refreshNow() {
        Instant now = clock.instant();
        if (!self.claim(now, now)) {
            throw new DomainException(
                    DomainException.Kind.CONFLICTING_STATE,
                    "a refresh of the site registry is running "
                            + "already; its outcome shows in GET /api/sites/refresh");
        }
        return run(now);
    }

    private Outcome run(Instant started) {
        long start = System.nanoTime();
        try {
            RegistrySnapshot snapshot = registry.snapshot();
            if (snapshot.sites().isEmpty() && self.copiedSites() > 0) {
                // An empty answer from a registry that had sites yesterday is a fault, not a mass closure.
                throw new RegistryRefusal("the registry listed no sites at all; the copy is kept as it was");
            }
            RefreshSummary summary = copy.apply(snapshot, started);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            self.recordSuccess(clock.instant(), took, summary);
            LOG.info(() -> "Site registry refreshed in " + took.toMillis() + " ms: " + summary.describe());
            return new Outcome(true, took, Optional.of(summary), Optional.empty());
        } catch (RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String error = e instanceof RegistryUnavailable || e instanceof RegistryRefusal
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            self.recordFailure(clock.instant(), took, error);
            LOG.log(
                    Level.WARNING,
                    "Site registry refresh failed; the copy is kept as it was: " + error,
                    e instanceof RegistryUnavailable || e instanceof RegistryRefusal ? null : e);
            return new Outcome(false, took, Optional.empty(), Optional.of(error));
        }
    }

    /** Takes the refresh for this instance if none runs and the last attempt is before {@code dueBefore}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(Instant now, Instant dueBefore) {
        return em.createQuery("""
                        update RegistryRefreshState s set s.runningSince = :now, s.runningOn = :instance
                        where s.id = :id and (s.runningSince is null or s.runningSince < :stale)
                          and (s.lastAttemptAt is null or s.lastAttemptAt <= :dueBefore)""")
                        .setParameter("now", now)
                        .setParameter("instance", INSTANCE)
                        .setParameter("id", RegistryRefreshState.ID)
                        .setParameter("stale", now.minus(STALE_CLAIM))
                        .setParameter("dueBefore", dueBefore)
                        .executeUpdate()
                == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSuccess(Instant at, Duration took, RefreshSummary summary) {
        state().succeeded(at, took, summary);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(Instant at, Duration took, String error) {
        state().failed(at, took, error);
    }

    @Transactional
    public long copiedSites() {
        return em.createNamedQuery(Site.COUNT_PRESENT, Long.class).getSingleResult();
    }

    @Transactional
    public RegistryRefreshState state() {
        return em.find(RegistryRefreshState.class, RegistryRefreshState.ID);
    }
}
