package org.csirtdesk.site.entity;

import static java.util.Map.entry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.Transitions;

/**
 * A request to change a site's certification status in the registry. It is done only when the status read
 * back from the registry shows the target; until then it is open (requested, then submitted through its
 * channel), and its age shows how long the registry has kept it waiting.
 */
@NamedQuery(
        name = StatusChange.OPEN_OF_SITE,
        query = "select c from StatusChange c where c.site = :site and c.state in :open")
@NamedQuery(
        name = StatusChange.OF_SITE_IN_STATE,
        query = "select c from StatusChange c join fetch c.site s where (:site is null or s.name = :site) "
                + "and (:state is null or c.state = :state) order by c.id desc")
@NamedQuery(
        name = StatusChange.IN_STATES,
        query = "select c from StatusChange c join fetch c.site where c.state in :open order by c.id")
@Entity
@Table(name = "site_status_changes")
public class StatusChange {

    public static final String IN_STATES = "StatusChange.inStates";

    public static final String OF_SITE_IN_STATE = "StatusChange.ofSiteInState";

    public static final String OPEN_OF_SITE = "StatusChange.openOfSite";

    public static final int MAX_REASON_LENGTH = 300;

    public enum State {
        /** Recorded; its channel has not yet accepted it (the portal was unreachable, say). */
        REQUESTED,
        /** The channel accepted it; waiting for the registry to show the target status. */
        SUBMITTED,
        CONFIRMED,
        FAILED,
        WITHDRAWN;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(REQUESTED, List.of(SUBMITTED, CONFIRMED, FAILED, WITHDRAWN)),
                        entry(SUBMITTED, List.of(CONFIRMED, FAILED, WITHDRAWN)),
                        entry(CONFIRMED, List.<State>of()),
                        entry(FAILED, List.<State>of()),
                        entry(WITHDRAWN, List.<State>of())));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }

        public boolean isOpen() {
            return this == REQUESTED || this == SUBMITTED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id", updatable = false)
    private Site site;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", nullable = false, updatable = false, length = 16)
    private CertificationStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_status", nullable = false, updatable = false, length = 16)
    private CertificationStatus targetStatus;

    @Column(nullable = false, updatable = false, length = MAX_REASON_LENGTH)
    private String reason;

    @Column(name = "ticket_id", updatable = false)
    private Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 32)
    private StatusChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "requested_by", nullable = false, updatable = false, length = 190)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "submit_attempts", nullable = false)
    private int submitAttempts;

    @Column(name = "submit_claimed_at")
    private Instant submitClaimedAt;

    @Column(name = "last_submit_error", length = 1000)
    private String lastSubmitError;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "changed_in_gocdb_by", length = 255)
    private String changedInRegistryBy;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(length = 1000)
    private String outcome;

    @Column(name = "last_checked_at")
    private Instant lastCheckedAt;

    @Column(name = "last_check_error", length = 1000)
    private String lastCheckError;

    @Version
    private long version;

    protected StatusChange() {}

    /**
     * A request for the site as the copy knows it now. GOCDB's rules are checked here, before anyone is
     * asked: the target must be a change GOCDB accepts from the current status, with a reason of at most
     * 300 characters.
     */
    public StatusChange(
            Site site,
            CertificationStatus target,
            String reason,
            Long ticketId,
            StatusChannel channel,
            String requestedBy,
            Instant at) {
        CertificationStatus current = site.certificationStatus();
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "is required: GOCDB records a reason with every status change");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw DomainException.invalid(
                    "reason", "longer than " + MAX_REASON_LENGTH + " characters, which GOCDB refuses");
        }
        if (!current.canChangeTo(target)) {
            throw DomainException.conflict(
                    "targetStatus",
                    "GOCDB does not change " + site.name() + " from "
                            + current.label() + " to " + target.label() + "; from " + current.label() + " it allows "
                            + current.allowedChanges().stream()
                                    .map(CertificationStatus::label)
                                    .toList());
        }
        this.site = site;
        this.fromStatus = current;
        this.targetStatus = target;
        this.reason = reason.strip();
        this.ticketId = ticketId;
        this.channel = channel;
        this.requestedBy = requestedBy;
        this.requestedAt = at;
        this.state = State.REQUESTED;
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw DomainException.conflict(
                    "state",
                    "status change #" + id + " is " + state.name().toLowerCase() + " and cannot become "
                            + next.name().toLowerCase());
        }
        state = next;
    }

    /** The channel took the request. */
    public void submitted(Instant at) {
        submitAttempts++;
        moveTo(State.SUBMITTED);
        submittedAt = at;
        submitClaimedAt = null;
        lastSubmitError = null;
    }

    /** The channel could not be reached this time; the request stays open and is tried again. */
    public void submissionDeferred(Instant at, String why) {
        submitAttempts++;
        submitClaimedAt = null;
        lastSubmitError = clip(why);
    }

    /** The registry shows the target status. */
    public void confirmed(Instant at, String changedBy) {
        moveTo(State.CONFIRMED);
        confirmedAt = at;
        closedAt = at;
        lastCheckedAt = at;
        lastCheckError = null;
        changedInRegistryBy = clip(changedBy);
    }

    /** The channel refused it, or the registry shows the site went elsewhere. */
    public void failed(Instant at, String why) {
        moveTo(State.FAILED);
        closedAt = at;
        outcome = clip(why);
    }

    public void withdrawn(Instant at, String why) {
        moveTo(State.WITHDRAWN);
        closedAt = at;
        outcome = clip(why);
    }

    /** A read-back that did not show the target yet ({@code error} when the registry could not be read). */
    public void checked(Instant at, String error) {
        lastCheckedAt = at;
        lastCheckError = clip(error);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    /** How long the request has waited, or waited until it closed. */
    public Duration age(Instant now) {
        return Duration.between(requestedAt, closedAt != null ? closedAt : now);
    }

    public Long id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public CertificationStatus fromStatus() {
        return fromStatus;
    }

    public CertificationStatus targetStatus() {
        return targetStatus;
    }

    public String reason() {
        return reason;
    }

    public Optional<Long> ticketId() {
        return Optional.ofNullable(ticketId);
    }

    public StatusChannel channel() {
        return channel;
    }

    public State state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public int submitAttempts() {
        return submitAttempts;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public String changedInRegistryBy() {
        return changedInRegistryBy;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String outcome() {
        return outcome;
    }

    public String lastSubmitError() {
        return lastSubmitError;
    }

    public Instant lastCheckedAt() {
        return lastCheckedAt;
    }

    public String lastCheckError() {
        return lastCheckError;
    }
}
