package org.csirtdesk.campaign.entity;

import static java.util.Map.entry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.entity.Transitions;

/**
 * A step of the procedure with its due time: the database's record of what is to happen when. Planned until
 * the heartbeat runs it (done), finds it needless or overtaken (skipped), or the case's facts change it away
 * (cancelled). A step that is done stays done. A step belongs to a campaign (and maybe one of its cases) or to an
 * incident site's SEC01 deadline; the same heartbeat claims both.
 */
@Entity
@Table(name = "schedule_steps")
public class ScheduledStep {

    /** A step's states; only a planned step moves. */
    public enum State {
        PLANNED, DONE, SKIPPED, CANCELLED;

        private static final Transitions<State> NEXT = Transitions.of(State.class, Map.ofEntries(
                entry(PLANNED, List.of(DONE, SKIPPED, CANCELLED)), entry(DONE, List.<State>of()),
                entry(SKIPPED, List.<State>of()), entry(CANCELLED, List.of(PLANNED))));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "campaign_id")
    private Long campaignId;

    @Column(name = "case_id")
    private Long caseId;

    /** The SEC01 deadline (of an incident's affected site) the step belongs to, when no campaign owns it. */
    @Column(name = "deadline_id")
    private Long deadlineId;

    @Column(nullable = false, length = 64)
    private String step;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(length = 500)
    private String outcome;

    @Column(nullable = false)
    private int attempts;

    @Version
    private long version;

    protected ScheduledStep() {
    }

    public ScheduledStep(long campaignId, Long caseId, StepName step, Instant dueAt) {
        this(campaignId, caseId, null, step.toString(), dueAt);
    }

    private ScheduledStep(Long campaignId, Long caseId, Long deadlineId, String step, Instant dueAt) {
        this.campaignId = campaignId;
        this.caseId = caseId;
        this.deadlineId = deadlineId;
        this.step = step;
        this.dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.PLANNED;
    }

    /** A step of an incident site's deadline (SEC01-deadlines), named within that deadline ("reminder", "deadline"). */
    public static ScheduledStep ofDeadline(long deadlineId, String step, Instant dueAt) {
        return new ScheduledStep(null, null, deadlineId, step, dueAt);
    }

    private void moveTo(State target, Instant at, String why) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("step " + step + " of " + (deadlineId == null ? "case " + caseId : "deadline " + deadlineId)
                    + " is " + state + ", not " + target);
        }
        state = target;
        doneAt = at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
        outcome = why == null || why.length() <= 500 ? why : why.substring(0, 499) + "…";
    }

    public void done(Instant at, String what) {
        moveTo(State.DONE, at, what);
    }

    public void skipped(Instant at, String why) {
        moveTo(State.SKIPPED, at, why);
    }

    public void cancelled(Instant at, String why) {
        moveTo(State.CANCELLED, at, why);
    }

    /** Planned again (a cancelled step whose time came back, e.g. a veto lifted by an extension) or moved. */
    public void planFor(Instant due) {
        if (state == State.CANCELLED) {
            moveTo(State.PLANNED, null, null);
        }
        dueAt = due.truncatedTo(ChronoUnit.MICROS);
    }

    /** A run that failed: counted, and tried again later. */
    public void failed(Instant retryAt, String why) {
        attempts++;
        dueAt = retryAt.truncatedTo(ChronoUnit.MICROS);
        outcome = why == null || why.length() <= 500 ? why : why.substring(0, 499) + "…";
    }

    /**
     * Whether this reminder is overtaken by {@code other}: a later reminder of the same case and round that is due
     * by {@code now} too and was not cancelled or skipped. Then only the later one goes out: a missed day sends one
     * reminder, not one per day (SEC03-2.5).
     */
    public boolean overtakenBy(ScheduledStep other, Instant now) {
        return caseId != null && caseId.equals(other.caseId)
                && other.step.startsWith("r" + name().round() + "/" + StepName.Kind.REMINDER.slug() + "-")
                && other.dueAt.isAfter(dueAt) && !other.dueAt.isAfter(now)
                && (other.state == State.PLANNED || other.state == State.DONE);
    }

    public Long id() {
        return id;
    }

    /** The campaign the step belongs to; null for a deadline's step. */
    public Long campaignId() {
        return campaignId;
    }

    public Long deadlineId() {
        return deadlineId;
    }

    public Long caseId() {
        return caseId;
    }

    public StepName name() {
        return StepName.parse(step);
    }

    public String step() {
        return step;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public State state() {
        return state;
    }

    public Instant doneAt() {
        return doneAt;
    }

    public String outcome() {
        return outcome;
    }

    public int attempts() {
        return attempts;
    }
}
