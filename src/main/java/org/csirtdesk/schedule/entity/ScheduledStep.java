package org.csirtdesk.schedule.entity;

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
 * A step of a procedure with its due time: the database's record of what is to happen when. Planned until its
 * owner runs it when the heartbeat announces it (done), finds it needless or overtaken (skipped), or the owner's
 * facts change it away (cancelled). A step that is done stays done. A step belongs to an owner, a row of the
 * feature that plans and runs it (a SEC03 campaign or case, a SEC01 deadline); its name is unique within the owner.
 */
@Entity
@Table(name = "schedule_steps")
public class ScheduledStep {

    /** A step's states; only a planned step moves. */
    public enum State {
        PLANNED,
        DONE,
        SKIPPED,
        CANCELLED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(PLANNED, List.of(DONE, SKIPPED, CANCELLED)), entry(DONE, List.<State>of()),
                        entry(SKIPPED, List.<State>of()), entry(CANCELLED, List.of(PLANNED))));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_kind", nullable = false, length = 32)
    private String ownerKind;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

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

    protected ScheduledStep() {}

    public ScheduledStep(StepOwner owner, String step, Instant dueAt) {
        this.ownerKind = owner.kind();
        this.ownerId = owner.id();
        this.step = step;
        this.dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.PLANNED;
    }

    private void moveTo(State target, Instant at, String why) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("step " + step + " of " + owner() + " is " + state + ", not " + target);
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

    public Long id() {
        return id;
    }

    public StepOwner owner() {
        return new StepOwner(ownerKind, ownerId);
    }

    public boolean isOwnedBy(String kind) {
        return ownerKind.equals(kind);
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
