package org.csirtdesk.campaign.entity;

import static java.util.Map.entry;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.Transitions;
import org.csirtdesk.schedule.entity.StepOwner;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * One critical vulnerability handled across sites (SEC03): its vulnerabilities, the advisory and the action it
 * recommends, widespread or individual, the advisory's time and the deadline. It is drafted, previewed, started
 * (the advisory goes out) and closed; the rules of SEC03-2.2 guard the start.
 */
@NamedQuery(
        name = Campaign.OPEN_FOR_VULNERABILITIES,
        query = "select c, v from Campaign c join c.vulnerabilities v where v in :vulnerabilities "
                + "and c.state <> :closed")
@NamedQuery(
        name = Campaign.COUNT_IN_STATE,
        query = "select count(c) from Campaign c where (:state is null or c.state = :state)")
@NamedQuery(
        name = Campaign.IN_STATE,
        query = "select c from Campaign c where (:state is null or c.state = :state) order by c.id desc")
@Entity
@Table(name = "campaigns")
public class Campaign {

    /** The kind of owner of a campaign's own steps on the schedule (heads-up, advisory, escalation). */
    public static final String STEP_OWNER = "campaign";

    public static final String IN_STATE = "Campaign.inState";

    public static final String COUNT_IN_STATE = "Campaign.countInState";

    public static final String OPEN_FOR_VULNERABILITIES = "Campaign.openForVulnerabilities";

    /** Where a campaign is in its life, with the moves allowed from each state. */
    public enum State {
        DRAFT,
        ACTIVE,
        CLOSED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(DRAFT, List.of(ACTIVE, CLOSED)),
                        entry(ACTIVE, List.of(CLOSED)),
                        entry(CLOSED, List.<State>of())));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }
    }

    /** SEC03-2.3c: a widespread problem goes to the security contact lists; a few sites are told one by one. */
    public enum Scope {
        WIDESPREAD,
        INDIVIDUAL
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_ticket_id", nullable = false)
    private long incidentTicketId;

    @Column(nullable = false, length = 200)
    private String title;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "campaign_vulnerabilities", joinColumns = @JoinColumn(name = "campaign_id"))
    @Column(name = "vulnerability", nullable = false, length = 64)
    private Set<String> vulnerabilities = new TreeSet<>();

    @Column(name = "advisory_text", nullable = false)
    private String advisoryText;

    @Column(name = "advisory_link", length = 500)
    private String advisoryLink;

    @Column(name = "recommended_action")
    private String recommendedAction;

    @Column(name = "severe_interruption", nullable = false)
    private boolean severeInterruption;

    @Column(name = "omb_authorised_by", length = 190)
    private String ombAuthorisedBy;

    @Column(name = "omb_authorised_at")
    private Instant ombAuthorisedAt;

    @Column(name = "omb_authorisation", length = 1000)
    private String ombAuthorisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Scope scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Tlp tlp;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "chosen_deadline")
    private Instant chosenDeadline;

    @Column(name = "heads_up_at")
    private Instant headsUpAt;

    @Column(name = "advisory_at")
    private Instant advisoryAt;

    @Column(name = "deadline_at")
    private Instant deadlineAt;

    @Column(name = "tickets_at")
    private Instant ticketsAt;

    @Column(name = "all_acted_at")
    private Instant allActedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 190)
    private String createdBy;

    @Version
    private long version;

    protected Campaign() {}

    public Campaign(long incidentTicketId, CampaignDraft draft, String actor, Instant now) {
        this.incidentTicketId = incidentTicketId;
        this.title = draft.title();
        this.vulnerabilities = new TreeSet<>(draft.vulnerabilities());
        this.advisoryText = draft.advisoryText();
        this.advisoryLink = draft.advisoryLink();
        this.recommendedAction = draft.recommendedAction();
        this.severeInterruption = draft.severeInterruption();
        this.scope = draft.scope();
        this.tlp = draft.tlp();
        this.chosenDeadline = micros(draft.deadline());
        this.state = State.DRAFT;
        this.createdAt = micros(now);
        this.createdBy = actor;
    }

    private void moveTo(State target) {
        if (!state.canMoveTo(target)) {
            throw DomainException.conflict(
                    "state",
                    "campaign #" + id + " is " + state.name().toLowerCase() + " and cannot become "
                            + target.name().toLowerCase());
        }
        state = target;
    }

    /** SEC03-2.2: the OMB's authorisation of an action that stops a service, recorded before the advisory. */
    public void authoriseByOmb(String actor, String note, Instant now) {
        requireDraft("omb-authorisation");
        ombAuthorisedBy = actor;
        ombAuthorisation = note;
        ombAuthorisedAt = micros(now);
    }

    /** SEC03-2.1: the optional heads-up, once, before the advisory. */
    public void headsUpSent(Instant now) {
        requireDraft("heads-up");
        if (headsUpAt != null) {
            throw DomainException.conflict("heads-up", "the heads-up of campaign #" + id + " went out at " + headsUpAt);
        }
        headsUpAt = micros(now);
    }

    /**
     * Starts the campaign: the advisory goes out now. Refused unless the recommended action is set and, for an
     * action that stops a service, the OMB's authorisation is recorded (SEC03-2.2).
     */
    public void start(Instant now, Instant deadline, Instant ticketsOpen) {
        requireDraft("state");
        if (recommendedAction == null || recommendedAction.isBlank()) {
            throw DomainException.conflict(
                    "recommendedAction",
                    "the advisory cannot go out before its recommended " + "action is set (SEC03-2.2)");
        }
        if (severeInterruption && ombAuthorisedAt == null) {
            throw DomainException.conflict(
                    "ombAuthorisation",
                    "the recommended action stops a service: record the "
                            + "OMB's authorisation before the advisory goes out (SEC03-2.2)");
        }
        moveTo(State.ACTIVE);
        advisoryAt = micros(now);
        deadlineAt = micros(deadline);
        ticketsAt = micros(ticketsOpen);
    }

    public void close() {
        moveTo(State.CLOSED);
    }

    public void allActed(Instant now) {
        allActedAt = micros(now);
    }

    public void revise(CampaignDraft draft) {
        requireDraft("state");
        title = draft.title();
        vulnerabilities.clear();
        vulnerabilities.addAll(draft.vulnerabilities());
        advisoryText = draft.advisoryText();
        advisoryLink = draft.advisoryLink();
        recommendedAction = draft.recommendedAction();
        if (severeInterruption != draft.severeInterruption()) {
            ombAuthorisedAt = null;
            ombAuthorisedBy = null;
            ombAuthorisation = null;
        }
        severeInterruption = draft.severeInterruption();
        scope = draft.scope();
        tlp = draft.tlp();
        chosenDeadline = micros(draft.deadline());
    }

    private void requireDraft(String field) {
        if (state != State.DRAFT) {
            throw DomainException.conflict(
                    field,
                    "campaign #" + id + " is " + state.name().toLowerCase() + ": its advisory went out at "
                            + advisoryAt);
        }
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public Long id() {
        return id;
    }

    public long incidentTicketId() {
        return incidentTicketId;
    }

    public String title() {
        return title;
    }

    public Set<String> vulnerabilities() {
        return Collections.unmodifiableSet(vulnerabilities);
    }

    public String advisoryText() {
        return advisoryText;
    }

    public String advisoryLink() {
        return advisoryLink;
    }

    public String recommendedAction() {
        return recommendedAction;
    }

    public boolean severeInterruption() {
        return severeInterruption;
    }

    public String ombAuthorisedBy() {
        return ombAuthorisedBy;
    }

    public Instant ombAuthorisedAt() {
        return ombAuthorisedAt;
    }

    public String ombAuthorisation() {
        return ombAuthorisation;
    }

    public Scope scope() {
        return scope;
    }

    public Tlp tlp() {
        return tlp;
    }

    public State state() {
        return state;
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public Instant chosenDeadline() {
        return chosenDeadline;
    }

    public Instant headsUpAt() {
        return headsUpAt;
    }

    public Instant advisoryAt() {
        return advisoryAt;
    }

    public Instant deadlineAt() {
        return deadlineAt;
    }

    public Instant ticketsAt() {
        return ticketsAt;
    }

    public Instant allActedAt() {
        return allActedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }

    /** The owner of the steps of campaign {@code id}. */
    public static StepOwner stepOwner(long id) {
        return new StepOwner(STEP_OWNER, id);
    }
}
