package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChangeRecord;
import org.csirtdesk.site.entity.StatusChangeSettled;
import org.csirtdesk.site.entity.StatusChannel;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * Requests to change a site's certification status, from the request to the registry showing it. A request
 * is recorded (GOCDB's rules checked first), handed to the configured channel, and read back from the
 * registry until the registry shows the target status; only then is it confirmed and the local copy changed.
 * Calls over the network run outside transactions; each state change is its own short one.
 */
@ApplicationScoped
public class StatusChanges {

    private static final Logger LOG = Logger.getLogger(StatusChanges.class.getName());
    private static final Duration SUBMISSION_LEASE = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    SiteSettings settings;

    @Inject
    SiteRegistry registry;

    @Inject
    GocdbClient gocdb;

    @Inject
    Instance<StatusChangeChannel> channels;

    @Inject
    Tickets tickets;

    @Inject
    StatusChanges self;

    @Inject
    Event<StatusChangeSettled> settled;

    @Inject
    TicketTags tags;

    /** Records a request and hands it to the configured channel; a channel that refuses fails it. */
    public StatusChange request(
            String siteName, CertificationStatus target, String reason, Long ticketId, String actor) {
        StatusChange change = self.record(siteName, target, reason, ticketId, actor);
        if (change.state() == StatusChange.State.REQUESTED) {
            submit(change.id());
        }
        try {
            check(change.id());
        } catch (RuntimeException e) {
            // The heartbeat may be reading the same request back at this moment; it will finish the job.
            LOG.log(Level.FINE, "immediate read-back of status change #" + change.id() + " skipped", e);
        }
        return self.get(change.id());
    }

    @Transactional
    public StatusChange record(
            String siteName, CertificationStatus target, String reason, Long ticketId, String actor) {
        Site site = em.createNamedQuery(Site.BY_NAME, Site.class)
                .setParameter("name", siteName)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("site '" + siteName + "'"));
        if (ticketId != null) {
            tickets.find(ticketId);
        }
        Optional<StatusChange> open = openFor(site);
        if (open.isPresent()) {
            throw DomainException.conflict(
                    "site",
                    "status change #" + open.get().id() + " of " + siteName + " to "
                            + open.get().targetStatus().label() + " is still open; withdraw it first");
        }
        StatusChannel channelKind = settings.statusChannel();
        Instant now = clock.instant();
        StatusChange change = new StatusChange(site, target, reason, ticketId, channelKind, actor, now);
        em.persist(change);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // The database's one-open-request-per-site key: another instance recorded one at the same moment.
            throw DomainException.conflict(
                    "site",
                    "another status change of " + siteName + " was requested at the "
                            + "same moment; read the site's status changes and retry if needed");
        }
        StatusChangeChannel channel = channel(channelKind);
        if (channel.joinsTransaction()) {
            try {
                channel.submit(change);
                change.submitted(now);
            } catch (RegistryRefusal e) {
                change.failed(now, e.getMessage());
                settled(change, e.getMessage());
            }
        }
        note(
                change,
                "Requested GOCDB status " + target.label() + " for " + siteName + " (was "
                        + site.certificationStatus().label() + ") through " + channelKind.configName() + ": "
                        + change.reason(),
                actor);
        return change;
    }

    /**
     * Hands an open, not yet accepted request to its channel, once: the submission is claimed in the database
     * first, so the request thread and the heartbeats of every instance never submit it twice at the same
     * time. A retry reads the registry first, in case the change was made.
     */
    public void submit(long id) {
        if (!self.claimSubmission(id, clock.instant())) {
            return;
        }
        StatusChange change = self.get(id);
        if (change.submitAttempts() > 0
                && readBack(change)
                        .map(site -> site.status() == change.targetStatus())
                        .orElse(false)) {
            return;
        }
        try {
            channel(change.channel()).submit(change);
            self.markSubmitted(id);
        } catch (RegistryRefusal e) {
            self.markFailed(id, e.getMessage());
        } catch (RegistryUnavailable e) {
            self.markDeferred(id, e.getMessage());
        }
    }

    /** Reads the registry back for one open request and confirms, fails or notes it. */
    public void check(long id) {
        StatusChange change = self.get(id);
        if (!change.state().isOpen()) {
            return;
        }
        Optional<SiteRecord> current;
        try {
            current = registry.site(change.site().name());
        } catch (RegistryUnavailable | RegistryRefusal e) {
            self.markChecked(id, e.getMessage());
            return;
        }
        if (current.isEmpty()) {
            self.markChecked(id, "the registry does not list " + change.site().name());
        } else if (current.get().status() == change.targetStatus()) {
            self.confirm(id, changedBy(change));
            recordTicketInRegistry(change);
        } else if (current.get().status() != change.fromStatus()) {
            self.markFailed(
                    id,
                    "the registry shows " + change.site().name() + " as "
                            + current.get().status().label() + ", neither "
                            + change.fromStatus().label() + " nor "
                            + change.targetStatus().label());
        } else {
            self.markChecked(id, null);
        }
    }

    /** The timer's round: submits what waits for its channel, reads back what waits for the registry. */
    public void checkOpen() {
        for (StatusChange change : self.open()) {
            try {
                if (change.state() == StatusChange.State.REQUESTED) {
                    submit(change.id());
                }
                check(change.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status change #" + change.id() + " could not be checked", e);
            }
        }
    }

    public StatusChange withdraw(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "is required");
        }
        return self.markWithdrawn(id, reason.strip(), actor);
    }

    @Transactional
    public StatusChange markWithdrawn(long id, String reason, String actor) {
        StatusChange change = em.find(StatusChange.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (change == null) {
            throw DomainException.notFound("status change #" + id);
        }
        boolean wasSubmitted = change.state() == StatusChange.State.SUBMITTED;
        change.withdrawn(clock.instant(), reason + " (" + actor + ")");
        if (wasSubmitted) {
            channel(change.channel()).withdraw(change, reason);
        }
        note(
                change,
                "Withdrew the request for GOCDB status " + change.targetStatus().label() + ": " + reason,
                actor);
        settled(change, reason);
        return change;
    }

    /** The claim lasts longer than any call to a channel can (every GOCDB call is bounded to 60 s). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimSubmission(long id, Instant now) {
        return em.createQuery("""
                        update StatusChange c set c.submitClaimedAt = :now
                        where c.id = :id and c.state = :requested
                          and (c.submitClaimedAt is null or c.submitClaimedAt < :expired)""")
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .setParameter("requested", StatusChange.State.REQUESTED)
                        .setParameter("expired", now.minus(SUBMISSION_LEASE))
                        .executeUpdate()
                == 1;
    }

    @Transactional
    public void markSubmitted(long id) {
        open(id).ifPresent(change -> change.submitted(clock.instant()));
    }

    @Transactional
    public void markDeferred(long id, String why) {
        open(id).ifPresent(change -> change.submissionDeferred(clock.instant(), why));
    }

    @Transactional
    public void markFailed(long id, String why) {
        Optional<StatusChange> open = open(id);
        if (open.isEmpty()) {
            return;
        }
        StatusChange change = open.get();
        change.failed(clock.instant(), why);
        note(change, "GOCDB status change to " + change.targetStatus().label() + " failed: " + why, "csirt-desk");
        settled(change, why);
    }

    @Transactional
    public void markChecked(long id, String error) {
        open(id).ifPresent(change -> change.checked(clock.instant(), error));
    }

    @Transactional
    public void confirm(long id, String changedBy) {
        Optional<StatusChange> open = open(id);
        if (open.isEmpty()) {
            return;
        }
        StatusChange change = open.get();
        Instant now = clock.instant();
        change.confirmed(now, changedBy);
        change.site().confirmStatus(change.targetStatus(), now);
        note(
                change,
                "GOCDB shows " + change.site().name() + " as "
                        + change.targetStatus().label() + (changedBy == null ? "" : " (changed by " + changedBy + ")"),
                "csirt-desk");
        settled(change, changedBy == null ? "" : "changed by " + changedBy);
    }

    @Transactional
    public StatusChange get(long id) {
        StatusChange change = find(id);
        change.site().name();
        return change;
    }

    @Transactional
    public List<StatusChange> open() {
        return em.createNamedQuery(StatusChange.IN_STATES, StatusChange.class)
                .setParameter("open", List.of(StatusChange.State.REQUESTED, StatusChange.State.SUBMITTED))
                .getResultList();
    }

    /** Newest first; by site and state when given. */
    @Transactional
    public List<StatusChange> list(String siteName, StatusChange.State state, int offset, int limit) {
        return em.createNamedQuery(StatusChange.OF_SITE_IN_STATE, StatusChange.class)
                .setParameter("site", siteName)
                .setParameter("state", state)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    private StatusChange find(long id) {
        StatusChange change = em.find(StatusChange.class, id);
        if (change == null) {
            throw DomainException.notFound("status change #" + id);
        }
        return change;
    }

    /**
     * The request, row-locked until the transaction ends, if it is still open: the request thread, a caller's
     * read-back and the heartbeats of every instance change it one after the other, and whoever comes second
     * finds it closed and leaves it alone.
     */
    private Optional<StatusChange> open(long id) {
        StatusChange change = em.find(StatusChange.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (change == null) {
            throw DomainException.notFound("status change #" + id);
        }
        return Optional.of(change).filter(found -> found.state().isOpen());
    }

    private Optional<StatusChange> openFor(Site site) {
        return em.createNamedQuery(StatusChange.OPEN_OF_SITE, StatusChange.class)
                .setParameter("site", site)
                .setParameter("open", List.of(StatusChange.State.REQUESTED, StatusChange.State.SUBMITTED))
                .getResultStream()
                .findFirst();
    }

    private Optional<SiteRecord> readBack(StatusChange change) {
        try {
            return registry.site(change.site().name());
        } catch (RegistryUnavailable | RegistryRefusal e) {
            return Optional.empty();
        }
    }

    /** Who made the change, from the registry's own record of it, when it can be read. */
    private String changedBy(StatusChange change) {
        try {
            return registry.statusChanges(change.site().name()).stream()
                    .filter(record -> record.newStatus() == change.targetStatus())
                    .filter(record ->
                            !record.changedAt().isBefore(change.requestedAt().minusSeconds(60)))
                    .max(Comparator.comparing(StatusChangeRecord::changedAt))
                    .map(StatusChangeRecord::changedBy)
                    .orElse(null);
        } catch (RegistryUnavailable | RegistryRefusal e) {
            return null;
        }
    }

    /** A confirmed suspension names its ticket in GOCDB, when an extension property is configured. */
    private void recordTicketInRegistry(StatusChange change) {
        Optional<String> property = settings.ticketExtension();
        if (property.isEmpty()
                || settings.embeddedRegistry()
                || change.ticketId().isEmpty()
                || change.targetStatus() != CertificationStatus.SUSPENDED
                || change.site().gocdbId() == null) {
            return;
        }
        String value = tags.of(tickets.find(change.ticketId().get()).id());
        try {
            gocdb.putSiteExtension(change.site().gocdbId(), property.get(), value);
        } catch (RegistryUnavailable | RegistryRefusal e) {
            LOG.warning(() -> "GOCDB extension " + property.get() + " of "
                    + change.site().name() + " not written: " + e.getMessage());
        }
    }

    private void settled(StatusChange change, String detail) {
        settled.fire(new StatusChangeSettled(
                change.id(),
                new SiteName(change.site().name()),
                change.targetStatus(),
                change.state(),
                clock.instant(),
                detail));
    }

    private void note(StatusChange change, String text, String actor) {
        change.ticketId().ifPresent(ticket -> tickets.addMessage(ticket, null, HistoryType.COMMENT, text, actor));
    }

    private StatusChangeChannel channel(StatusChannel kind) {
        return channels.stream()
                .filter(channel -> channel.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no channel " + kind));
    }
}
