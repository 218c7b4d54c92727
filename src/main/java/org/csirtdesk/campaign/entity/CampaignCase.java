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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.Transitions;
import org.csirtdesk.schedule.entity.StepOwner;

/**
 * One site's part of a campaign: where it is in the procedure, the facts its schedule is computed from
 * (path, round, deadline), the notices it has had (SEC03-5.4), what the site said, and CSIRT's and the OMB's
 * decisions. Every state change goes through the transition table.
 */
@NamedQuery(
        name = CampaignCase.COUNT_BY_STATE,
        query = "select c.state, count(c) from CampaignCase c where c.campaignId = :id group by c.state")
@NamedQuery(
        name = CampaignCase.COUNT_UNRESOLVED_OF_CAMPAIGN,
        query = "select count(c) from CampaignCase c where c.campaignId = :id and c.state <> :resolved")
@NamedQuery(
        name = CampaignCase.OF_CAMPAIGN_IN_STATE,
        query = "select c from CampaignCase c where c.campaignId = :id and c.state = :pending order by c.site")
@NamedQuery(
        name = CampaignCase.ID_OF_SITE,
        query = "select c.id from CampaignCase c where c.campaignId = :id and c.site = :site")
@NamedQuery(name = CampaignCase.SITES_OF_CAMPAIGN, query = "select c.site from CampaignCase c where c.campaignId = :id")
@NamedQuery(
        name = CampaignCase.COUNT_OF_CAMPAIGN,
        query = "select count(c) from CampaignCase c where c.campaignId = :campaign")
@NamedQuery(
        name = CampaignCase.COUNT_UNRESOLVED,
        query = "select count(c) from CampaignCase c where c.campaignId = :campaign and c.state <> :resolved")
@NamedQuery(name = CampaignCase.CAMPAIGN_ID_OF, query = "select c.campaignId from CampaignCase c where c.id = :id")
@NamedQuery(
        name = CampaignCase.OF_CAMPAIGN,
        query = "select c from CampaignCase c where c.campaignId = :campaign and (:state is null or c.state = :state) "
                + "and (:site is null or c.site = :site) order by c.site")
@NamedQuery(
        name = CampaignCase.UNRESOLVED_OF_TICKET,
        query = "select c.id from CampaignCase c where c.ticketId = :ticket and c.state <> :resolved")
@NamedQuery(
        name = CampaignCase.OF_SITE,
        query = "select c from CampaignCase c where c.campaignId = :campaign and c.site = :site")
@NamedQuery(
        name = CampaignCase.OPEN_OF_CAMPAIGN,
        query = "select c from CampaignCase c where c.campaignId = :campaign and c.state in :open order by c.site")
@Entity
@Table(name = "campaign_cases")
public class CampaignCase {

    /** The kind of owner of a site's case's steps on the schedule (its ticket, reminders, final warning, deadline). */
    public static final String STEP_OWNER = "campaign-case";

    /** The outbox keys of a case's letters: {@code sec03/case-<id>/...}, which name the case they belong to. */
    private static final Pattern LETTER_KEY = Pattern.compile("sec03/case-(\\d+)/.*");

    public static final String OF_SITE = "CampaignCase.ofSite";

    public static final String UNRESOLVED_OF_TICKET = "CampaignCase.unresolvedOfTicket";

    public static final String OF_CAMPAIGN = "CampaignCase.ofCampaign";

    public static final String CAMPAIGN_ID_OF = "CampaignCase.campaignIdOf";

    public static final String COUNT_UNRESOLVED = "CampaignCase.countUnresolved";

    public static final String COUNT_OF_CAMPAIGN = "CampaignCase.countOfCampaign";

    public static final String SITES_OF_CAMPAIGN = "CampaignCase.sitesOfCampaign";

    public static final String ID_OF_SITE = "CampaignCase.idOfSite";

    public static final String OF_CAMPAIGN_IN_STATE = "CampaignCase.ofCampaignInState";

    public static final String COUNT_UNRESOLVED_OF_CAMPAIGN = "CampaignCase.countUnresolvedOfCampaign";

    public static final String COUNT_BY_STATE = "CampaignCase.countByState";

    /** A campaign's cases in the {@link #OPEN_STATES} (parameter {@code open}), by site. */
    public static final String OPEN_OF_CAMPAIGN = "CampaignCase.openOfCampaign";

    /**
     * The open states, still the site's to act on: pending, open, awaiting confirmation. A suspended case waits for
     * reinstatement, no longer for the site's update.
     */
    public static final Set<State> OPEN_STATES =
            Collections.unmodifiableSet(EnumSet.of(State.PENDING, State.OPEN, State.AWAITING_CONFIRMATION));

    /** A case's states and the moves allowed from each. */
    public enum State {
        /** Affected, no ticket yet: tickets open 3 days before the deadline (SEC03-2.4). */
        PENDING,
        /** The ticket is open; the site has to act. */
        OPEN,
        /** The deadline passed, CSIRT recommends suspension, nobody vetoed: the coordinator decides (SEC03-4.5). */
        AWAITING_CONFIRMATION,
        /** Suspension confirmed: asked of GOCDB, then active, until the site is reinstated. */
        SUSPENDED,
        /** The site acted, or CSIRT accepted its explanation, or it was reinstated (SEC03-7). */
        RESOLVED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(PENDING, List.of(OPEN, RESOLVED)),
                        entry(OPEN, List.of(RESOLVED, AWAITING_CONFIRMATION, SUSPENDED)),
                        entry(AWAITING_CONFIRMATION, List.of(OPEN, SUSPENDED, RESOLVED)),
                        entry(SUSPENDED, List.of(AWAITING_CONFIRMATION, RESOLVED)),
                        entry(RESOLVED, List.of(PENDING))));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }

        /** One of the {@link #OPEN_STATES}: the states a monitoring "clear" or an accepted explanation resolves. */
        public boolean awaitsAction() {
            return OPEN_STATES.contains(this);
        }
    }

    /** Who may veto a suspension (SEC03-4.4). */
    public enum VetoBy {
        OMB,
        COO
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(nullable = false, length = 100)
    private String site;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CasePath path;

    @Column(name = "round_no", nullable = false)
    private int round;

    @Column(name = "deadline_round", nullable = false)
    private int deadlineRound;

    @Column(name = "ticket_id")
    private Long ticketId;

    @Column(name = "deadline_at")
    private Instant deadlineAt;

    @Column(name = "ticket_due_at")
    private Instant ticketDueAt;

    @Column(nullable = false)
    private String hosts;

    @Column(name = "seen_vulnerable_at")
    private Instant seenVulnerableAt;

    @Column(nullable = false)
    private boolean vulnerable;

    @Column(name = "initial_notice_at")
    private Instant initialNoticeAt;

    @Column(nullable = false)
    private int reminders;

    @Column(name = "final_warning_at")
    private Instant finalWarningAt;

    @Column(name = "site_statement")
    private String siteStatement;

    @Column(name = "site_plan")
    private String sitePlan;

    @Column(name = "responded_at")
    private Instant respondedAt;

    @Column(name = "awaiting_csirt", nullable = false)
    private boolean awaitingCsirt;

    /** When a letter to the site bounced for every contact (its notice was not given); null once the site is heard. */
    @Column(name = "not_reached_at")
    private Instant notReachedAt;

    @Column(name = "not_reached", length = 1000)
    private String notReached;

    @Column(name = "recommends_suspension", nullable = false)
    private boolean recommendsSuspension;

    @Column(length = 1000)
    private String recommendation;

    @Enumerated(EnumType.STRING)
    @Column(name = "vetoed_by", length = 8)
    private VetoBy vetoedBy;

    @Column(length = 1000)
    private String veto;

    @Enumerated(EnumType.STRING)
    @Column(length = 24)
    private Resolution resolution;

    @Column(name = "resolution_note", length = 2000)
    private String resolutionNote;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    /** When the current round began (a re-introduction); null in the first round, which began when the case opened. */
    @Column(name = "round_started_at")
    private Instant roundStartedAt;

    @Version
    private long version;

    /** The case a letter belongs to, by the letter's outbox key; none for any other letter. */
    public static OptionalLong ofLetterKey(String letterKey) {
        Matcher key = LETTER_KEY.matcher(letterKey);
        return key.matches() ? OptionalLong.of(Long.parseLong(key.group(1))) : OptionalLong.empty();
    }

    protected CampaignCase() {}

    /** A site found affected; {@code vulnerable} is false for a site CSIRT added by hand that monitoring does not see. */
    public CampaignCase(
            long campaignId, String site, boolean vulnerable, String hosts, Instant seenVulnerableAt, Instant now) {
        this.campaignId = campaignId;
        this.site = site;
        this.state = State.PENDING;
        this.path = CasePath.ADVISORY;
        this.round = 1;
        this.deadlineRound = 1;
        this.vulnerable = vulnerable;
        this.hosts = hosts;
        this.seenVulnerableAt = micros(seenVulnerableAt);
        this.openedAt = micros(now);
    }

    private void moveTo(State target) {
        if (!state.canMoveTo(target)) {
            throw DomainException.conflict(
                    "state", "the case of " + site + " is " + label(state) + " and cannot become " + label(target));
        }
        state = target;
    }

    private void requireState(State from, State target) {
        if (state != from) {
            throw DomainException.conflict(
                    "state", "the case of " + site + " is " + label(state) + " and cannot become " + label(target));
        }
    }

    public static String label(State state) {
        return state.name().toLowerCase().replace('_', ' ');
    }

    /** Puts the case on its path: the advisory's, with the campaign's deadline, or a re-introduction's. */
    public void plan(CasePath path, Instant firstNotice, Instant deadline) {
        this.path = path;
        this.ticketDueAt = micros(firstNotice);
        this.deadlineAt = micros(deadline);
    }

    /**
     * SEC03-3.1: vulnerable again after it was resolved; a new round with a new path, fresh notices and no response
     * yet: what the site said in an earlier round is kept in its responses, not carried into this one.
     */
    public void reintroduced(CasePath path, Instant firstNotice, Instant deadline, Instant now) {
        moveTo(State.PENDING);
        round++;
        roundStartedAt = micros(now);
        siteStatement = null;
        sitePlan = null;
        deadlineRound = 1;
        initialNoticeAt = null;
        reminders = 0;
        finalWarningAt = null;
        resolution = null;
        resolutionNote = null;
        resolvedAt = null;
        recommendsSuspension = false;
        recommendation = null;
        vetoedBy = null;
        veto = null;
        plan(path, firstNotice, deadline);
    }

    /**
     * SEC03-3.1: a re-introduction's time to act counts from when its notice is sent, which can be later than
     * planned (a heartbeat that was down, a backlog of due steps). {@code deadline} is the one counted from
     * {@code sentAt}: when it is later than the planned one, the case takes it, and the notice's time as the start
     * of its steps. A planned deadline is never brought forward. The answer is whether the deadline moved.
     */
    public boolean reintroductionNoticeSent(Instant sentAt, Instant deadline) {
        if (path != CasePath.REINTRODUCTION
                || state != State.PENDING
                || deadlineAt != null && !deadline.isAfter(deadlineAt)) {
            return false;
        }
        plan(path, sentAt, deadline);
        return true;
    }

    public void seen(boolean vulnerable, String hosts, Instant observedAt) {
        this.vulnerable = vulnerable;
        this.hosts = hosts;
        if (vulnerable && observedAt != null) {
            this.seenVulnerableAt = micros(observedAt);
        }
    }

    /** The first notice of this round went out with the ticket (SEC03-2.4, SEC03-3.1). */
    public void ticketOpened(long ticketId, Instant now) {
        // Only a pending case: the table also lets a case awaiting confirmation reopen, which must not replace
        // its ticket and restart its notices (SEC03-5.4).
        requireState(State.PENDING, State.OPEN);
        moveTo(State.OPEN);
        this.ticketId = ticketId;
        this.initialNoticeAt = micros(now);
    }

    /**
     * The site answered a letter before the case's ticket was due: the ticket opens for the answer (SEC03-2.7) and
     * the case goes on as planned; its ticket step sends the notice on this ticket.
     */
    public void ticketOpenedForReply(long ticketId) {
        if (this.ticketId != null) {
            throw new IllegalStateException("case #" + id + " has its ticket #" + this.ticketId);
        }
        this.ticketId = ticketId;
    }

    public void reminderSent() {
        reminders++;
    }

    public void finalWarningSent(Instant now) {
        finalWarningAt = micros(now);
    }

    public void resolve(Resolution why, String note, Instant now) {
        if (state == State.SUSPENDED && why != Resolution.REINSTATED) {
            throw DomainException.conflict(
                    "state", "the site " + site + " is suspended: it comes back by reinstatement (SEC03-4.6)");
        }
        moveTo(State.RESOLVED);
        resolution = why;
        resolutionNote = note;
        resolvedAt = micros(now);
        awaitingCsirt = false;
    }

    /** SEC03-4.3: a later deadline for this site; its schedule is planned again from it. */
    public void extend(Instant deadline) {
        if (!state.awaitsAction() || deadlineAt == null) {
            throw DomainException.conflict(
                    "deadline", "the case of " + site + " is " + label(state) + ": nothing to extend");
        }
        if (deadlineAt != null && !deadline.isAfter(deadlineAt)) {
            throw DomainException.invalid("deadline", "must be after the current deadline " + deadlineAt);
        }
        deadlineAt = micros(deadline);
        deadlineRound++;
        // The final warning named the old deadline: a suspension after the new one needs a new warning.
        finalWarningAt = null;
        if (state == State.AWAITING_CONFIRMATION) {
            moveTo(State.OPEN);
        }
    }

    /**
     * CSIRT's recommendation. Given after the deadline passed (the case stayed open for CSIRT to decide), a
     * recommendation to suspend with no veto makes the case wait for the coordinator, as at the deadline.
     * Returns whether the case now waits for the coordinator.
     */
    public boolean recommend(boolean suspend, String reason, Instant now) {
        if (!state.awaitsAction()) {
            throw DomainException.conflict("suspend", "the case of " + site + " is " + label(state));
        }
        recommendsSuspension = suspend;
        recommendation = reason;
        if (!suspend && state == State.AWAITING_CONFIRMATION) {
            moveTo(State.OPEN);
        }
        if (suspend && state == State.OPEN && vetoedBy == null && deadlineAt != null && !now.isBefore(deadlineAt)) {
            moveTo(State.AWAITING_CONFIRMATION);
        }
        return state == State.AWAITING_CONFIRMATION;
    }

    /** SEC03-4.4: the OMB (majority) or the COO said no; the veto blocks any suspension of this round. */
    public void veto(VetoBy by, String reason) {
        if (state == State.SUSPENDED || state == State.RESOLVED) {
            throw DomainException.conflict("by", "the case of " + site + " is " + label(state) + ": nothing to veto");
        }
        vetoedBy = by;
        veto = reason;
        if (state == State.AWAITING_CONFIRMATION) {
            moveTo(State.OPEN);
        }
    }

    /**
     * The deadline passed with the site still to act. With CSIRT's recommendation and no veto the case waits for
     * the coordinator; otherwise it stays open for CSIRT to decide. Returns whether it now waits.
     */
    public boolean deadlineReached() {
        if (state == State.OPEN && recommendsSuspension && vetoedBy == null) {
            moveTo(State.AWAITING_CONFIRMATION);
            return true;
        }
        return state == State.AWAITING_CONFIRMATION;
    }

    /**
     * SEC03-5.4 and SEC03-4.1: whether the site has had the notices a suspension needs, the final warning at least
     * {@code finalWarningBefore} ago; the reason it has not, or null.
     */
    public String missingNotices(Instant now, Duration finalWarningBefore) {
        if (initialNoticeAt == null || finalWarningAt == null || reminders < 1) {
            // Counted as the clause counts them: extra reminders do not stand in for the final warning.
            int counted = (initialNoticeAt == null ? 0 : 1) + Math.min(reminders, 1) + (finalWarningAt == null ? 0 : 1);
            return "the site has had " + counted + " of the 3 notices a suspension needs (initial notice: "
                    + (initialNoticeAt == null ? "no" : "yes") + ", reminders: " + reminders
                    + ", final warning for this deadline: "
                    + (finalWarningAt == null ? "no" : "yes") + ") (SEC03-5.4)";
        }
        if (finalWarningAt.plus(finalWarningBefore).isAfter(now)) {
            return "the final warning went out at " + finalWarningAt + ", less than " + finalWarningBefore.toHours()
                    + " hours ago (SEC03-4.1)";
        }
        return null;
    }

    /** Refused while a veto stands, without CSIRT's recommendation, or before the deadline (SEC03-4.4). */
    public void suspend(Instant now) {
        if (vetoedBy != null) {
            throw DomainException.conflict(
                    "case", "the " + vetoedBy + " vetoed the suspension of " + site + ": " + veto + " (SEC03-4.4)");
        }
        if (!recommendsSuspension) {
            throw DomainException.conflict("case", "CSIRT has not recommended suspending " + site + " (SEC03-4.4)");
        }
        if (deadlineAt == null || now.isBefore(deadlineAt)) {
            throw DomainException.conflict(
                    "case", "the deadline of " + site + " is " + deadlineAt + ": no suspension before it");
        }
        moveTo(State.SUSPENDED);
    }

    /** GOCDB did not take the suspension: back to the coordinator. */
    public void suspensionFailed() {
        // Only a suspended case: the table also lets an open case wait for the coordinator (deadlineReached).
        requireState(State.SUSPENDED, State.AWAITING_CONFIRMATION);
        moveTo(State.AWAITING_CONFIRMATION);
    }

    /**
     * A letter to the site reached none of its contacts (every one bounced): the procedure's notice was not given,
     * which the CSIRT must see until the site is heard from.
     */
    public void notReached(String why, Instant at) {
        notReachedAt = micros(at);
        notReached = why.length() <= 1000 ? why : why.substring(0, 999) + "…";
    }

    /** SEC03-2.7: the site wrote; CSIRT has to answer. A site that writes is reachable. */
    public void siteResponded(String statement, String plan, Instant now) {
        notReachedAt = null;
        notReached = null;
        if (statement != null) {
            siteStatement = statement;
        }
        if (plan != null) {
            sitePlan = plan;
        }
        respondedAt = micros(now);
        awaitingCsirt = true;
    }

    /** CSIRT answered; returns how long the site waited, if it was waiting. */
    public Duration csirtAnswered(Instant now) {
        Duration waited = awaitingCsirt && respondedAt != null ? Duration.between(respondedAt, now) : null;
        awaitingCsirt = false;
        return waited;
    }

    /** Whether the site was vulnerable in an earlier round: a re-introduction, not a first finding (SEC03-3.1). */
    public boolean vulnerableBefore() {
        return round > 1;
    }

    /** Whether the site responded in this round ({@link #reintroduced} starts a round with no response). */
    public boolean respondedThisRound() {
        return respondedAt != null && (roundStartedAt == null || !respondedAt.isBefore(roundStartedAt));
    }

    /** Whether a response given at {@code at} belongs to this round. */
    public boolean inThisRound(Instant at) {
        return roundStartedAt == null || !at.isBefore(roundStartedAt);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public Long id() {
        return id;
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

    public CasePath path() {
        return path;
    }

    public int round() {
        return round;
    }

    public int deadlineRound() {
        return deadlineRound;
    }

    public Long ticketId() {
        return ticketId;
    }

    public Instant deadlineAt() {
        return deadlineAt;
    }

    public Instant ticketDueAt() {
        return ticketDueAt;
    }

    public String hosts() {
        return hosts;
    }

    public Instant seenVulnerableAt() {
        return seenVulnerableAt;
    }

    public boolean vulnerable() {
        return vulnerable;
    }

    public Instant initialNoticeAt() {
        return initialNoticeAt;
    }

    public int reminders() {
        return reminders;
    }

    public Instant finalWarningAt() {
        return finalWarningAt;
    }

    public String siteStatement() {
        return siteStatement;
    }

    public String sitePlan() {
        return sitePlan;
    }

    public Instant respondedAt() {
        return respondedAt;
    }

    public Instant notReachedAt() {
        return notReachedAt;
    }

    public String notReached() {
        return notReached;
    }

    public boolean awaitingCsirt() {
        return awaitingCsirt;
    }

    public boolean recommendsSuspension() {
        return recommendsSuspension;
    }

    public String recommendation() {
        return recommendation;
    }

    public VetoBy vetoedBy() {
        return vetoedBy;
    }

    public String veto() {
        return veto;
    }

    public Resolution resolution() {
        return resolution;
    }

    public String resolutionNote() {
        return resolutionNote;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant roundStartedAt() {
        return roundStartedAt;
    }

    public long version() {
        return version;
    }

    /** The owner of the steps of case {@code id}. */
    public static StepOwner stepOwner(long id) {
        return new StepOwner(STEP_OWNER, id);
    }
}
