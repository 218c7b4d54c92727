package org.csirtdesk.campaign.entity;

import static java.util.Map.entry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.Transitions;

/**
 * An entry of the register of suspended sites (SEC03-4.5): decided by the coordinator, requested of GOCDB,
 * active only once GOCDB reads back Suspended; then a ROD's request, CSIRT's verification and GOCDB reading back
 * Uncertified reinstate the site (SEC03-4.6).
 */
@NamedQuery(
        name = Suspension.COUNT_OF_CAMPAIGN,
        query = "select count(s) from Suspension s where s.campaignId = :campaign")
@NamedQuery(
        name = Suspension.IN_STATES,
        query = "select s from Suspension s where (:site is null or s.site = :site) and s.state in :states "
                + "order by s.id desc")
@NamedQuery(
        name = Suspension.BY_REINSTATEMENT_CHANGE,
        query = "select s from Suspension s where s.reinstatementChangeId = :change")
@NamedQuery(name = Suspension.BY_STATUS_CHANGE, query = "select s from Suspension s where s.statusChangeId = :change")
@Entity
@Table(name = "suspensions")
public class Suspension {

    public static final String BY_STATUS_CHANGE = "Suspension.byStatusChange";

    public static final String BY_REINSTATEMENT_CHANGE = "Suspension.byReinstatementChange";

    public static final String IN_STATES = "Suspension.inStates";

    public static final String COUNT_OF_CAMPAIGN = "Suspension.countOfCampaign";

    /** The register's states, with the moves allowed from each. */
    public enum State {
        REQUESTED,
        ACTIVE,
        REINSTATEMENT_REQUESTED,
        REINSTATING,
        REINSTATED,
        FAILED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(REQUESTED, List.of(ACTIVE, FAILED)),
                        entry(ACTIVE, List.of(REINSTATEMENT_REQUESTED)),
                        entry(REINSTATEMENT_REQUESTED, List.of(REINSTATING, ACTIVE)),
                        entry(REINSTATING, List.of(REINSTATED, REINSTATEMENT_REQUESTED)),
                        entry(REINSTATED, List.<State>of()),
                        entry(FAILED, List.<State>of())));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }

        /** The site counts as suspended in the register. */
        public boolean inForce() {
            return this == ACTIVE || this == REINSTATEMENT_REQUESTED || this == REINSTATING;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private long caseId;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(nullable = false, length = 100)
    private String site;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private State state;

    @Column(nullable = false, length = 2000)
    private String reason;

    @Column(name = "decided_by", nullable = false, length = 190)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "countermeasure_ticket_id", nullable = false)
    private long countermeasureTicketId;

    @Column(name = "status_change_id", nullable = false)
    private long statusChangeId;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    @Column(name = "reinstatement_requested_by", length = 190)
    private String reinstatementRequestedBy;

    @Column(name = "reinstatement_contact", length = 254)
    private String reinstatementContact;

    @Column(name = "reinstatement_request", length = 2000)
    private String reinstatementRequest;

    @Column(name = "reinstatement_requested_at")
    private Instant reinstatementRequestedAt;

    @Column(name = "verified_by", length = 190)
    private String verifiedBy;

    @Column(length = 2000)
    private String verification;

    @Column(name = "reinstatement_change_id")
    private Long reinstatementChangeId;

    @Column(name = "reinstated_at")
    private Instant reinstatedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Version
    private long version;

    protected Suspension() {}

    public Suspension(
            CampaignCase suspended,
            String reason,
            String decidedBy,
            Instant decidedAt,
            long countermeasureTicketId,
            long statusChangeId) {
        this.caseId = suspended.id();
        this.campaignId = suspended.campaignId();
        this.site = suspended.site();
        this.state = State.REQUESTED;
        this.reason = reason;
        this.decidedBy = decidedBy;
        this.decidedAt = micros(decidedAt);
        this.countermeasureTicketId = countermeasureTicketId;
        this.statusChangeId = statusChangeId;
    }

    private void moveTo(State target) {
        if (!state.canMoveTo(target)) {
            throw refusal(target);
        }
        state = target;
    }

    /**
     * A move that only one state may make. The table reaches some states two ways (active: GOCDB's read-back or
     * CSIRT's refusal; reinstatement requested: the ROD or a failed reinstatement), and each operation must come
     * by its own: a ROD's request taken while reinstating left GOCDB's read-back of Uncertified nothing to settle.
     */
    private void moveTo(State from, State target) {
        if (state != from) {
            throw refusal(target);
        }
        moveTo(target);
    }

    private DomainException refusal(State target) {
        return DomainException.conflict(
                "state",
                "the suspension of " + site + " is "
                        + state.name().toLowerCase().replace('_', ' ') + " and cannot become "
                        + target.name().toLowerCase().replace('_', ' '));
    }

    /** GOCDB reads back Suspended. */
    public void active(Instant at) {
        moveTo(State.REQUESTED, State.ACTIVE);
        suspendedAt = micros(at);
    }

    public void failed(Instant at) {
        moveTo(State.FAILED);
        endedAt = micros(at);
    }

    /** SEC03-4.6: the ROD asks for the site back. */
    public void reinstatementRequested(String rod, String contact, String request, Instant at) {
        moveTo(State.ACTIVE, State.REINSTATEMENT_REQUESTED);
        reinstatementRequestedBy = rod;
        reinstatementContact = contact;
        reinstatementRequest = request;
        reinstatementRequestedAt = micros(at);
    }

    /** CSIRT verified the site; GOCDB is asked for Uncertified. */
    public void verified(String by, String note, long changeId) {
        moveTo(State.REINSTATING);
        verifiedBy = by;
        verification = note;
        reinstatementChangeId = changeId;
    }

    public void refused(String by, String note) {
        moveTo(State.REINSTATEMENT_REQUESTED, State.ACTIVE);
        verifiedBy = by;
        verification = note;
    }

    /** GOCDB did not take the reinstatement: the ROD's request stands, CSIRT tries again. */
    public void reinstatementFailed() {
        moveTo(State.REINSTATING, State.REINSTATEMENT_REQUESTED);
        reinstatementChangeId = null;
    }

    public void reinstated(Instant at) {
        moveTo(State.REINSTATED);
        reinstatedAt = micros(at);
        endedAt = micros(at);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    public long campaignId() {
        return campaignId;
    }

    public String site() {
        return site;
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public long countermeasureTicketId() {
        return countermeasureTicketId;
    }

    public long statusChangeId() {
        return statusChangeId;
    }

    public Instant suspendedAt() {
        return suspendedAt;
    }

    public String reinstatementRequestedBy() {
        return reinstatementRequestedBy;
    }

    public String reinstatementContact() {
        return reinstatementContact;
    }

    public String reinstatementRequest() {
        return reinstatementRequest;
    }

    public Instant reinstatementRequestedAt() {
        return reinstatementRequestedAt;
    }

    public String verifiedBy() {
        return verifiedBy;
    }

    public String verification() {
        return verification;
    }

    public Long reinstatementChangeId() {
        return reinstatementChangeId;
    }

    public Instant reinstatedAt() {
        return reinstatedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
