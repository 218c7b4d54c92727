package org.csirtdesk.incident.entity;

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
import org.csirtdesk.schedule.entity.StepOwner;

/**
 * One SEC01 deadline of an affected site: pending until what it asks happens (met, or missed when that came after
 * the due time) or the heartbeat finds it passed (missed), or the site's resolution makes it moot (cancelled). A
 * deadline settled stays settled; a missed one still learns when the site did it after all.
 */
@NamedQuery(
        name = Deadline.OF_SITE,
        query = "select d from Deadline d where d.incidentId = :id and d.site = :site order by d.startedAt, d.id")
@Entity
@Table(name = "incident_deadlines")
public class Deadline {

    /** The kind of owner of an affected site's SEC01 deadline's steps on the schedule (its reminder and its mark). */
    public static final String STEP_OWNER = "incident-deadline";

    public static final String OF_SITE = "Deadline.ofSite";

    /** Where a deadline stands. */
    public enum State {
        PENDING,
        MET,
        MISSED,
        CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private long incidentId;

    @Column(nullable = false, updatable = false, length = 100)
    private String site;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private DeadlineKind kind;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "due_at", nullable = false, updatable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "met_at")
    private Instant metAt;

    @Column(name = "met_by", length = 300)
    private String metBy;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(length = 500)
    private String note;

    @Version
    private long version;

    protected Deadline() {}

    public Deadline(AffectedSite site, DeadlineKind kind, int number, Instant startedAt, Instant dueAt, String note) {
        this.incidentId = site.incidentId();
        this.site = site.site();
        this.kind = kind;
        this.number = number;
        this.startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        this.dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
        this.state = State.PENDING;
        this.note = shortened(note);
    }

    /**
     * What the deadline asked happened at {@code at}: met if by the due time, else missed (late). A deadline marked
     * missed learns when it happened. False if it knew already (or was cancelled): nothing changed.
     */
    public boolean met(Instant at, String how, Instant now) {
        if (metAt != null || state == State.CANCELLED) {
            return false;
        }
        metAt = at.truncatedTo(ChronoUnit.MICROS);
        metBy = how == null || how.length() <= 300 ? how : how.substring(0, 299) + "…";
        if (state == State.PENDING) {
            state = metAt.isAfter(dueAt) ? State.MISSED : State.MET;
            settledAt = now.truncatedTo(ChronoUnit.MICROS);
        }
        return true;
    }

    /** The heartbeat found the due time passed with the deadline still pending. */
    public void missed(Instant now) {
        if (state != State.PENDING) {
            throw new IllegalStateException("deadline " + id + " is " + state + ", it cannot be missed now");
        }
        state = State.MISSED;
        settledAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** It no longer applies (the site's incident is resolved before it came due). */
    public void cancelled(Instant now, String why) {
        if (state != State.PENDING) {
            throw new IllegalStateException("deadline " + id + " is " + state + ", not pending");
        }
        state = State.CANCELLED;
        settledAt = now.truncatedTo(ChronoUnit.MICROS);
        note = shortened(why);
    }

    private static String shortened(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 499) + "…";
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    /** E.g. "answer to request 2 (within 4 working hours of the request)". */
    public String describe() {
        return kind.slug() + (kind == DeadlineKind.ANSWER ? " to request " + number : "") + " (" + kind.rule() + ")";
    }

    public Long id() {
        return id;
    }

    public long incidentId() {
        return incidentId;
    }

    public String site() {
        return site;
    }

    public DeadlineKind kind() {
        return kind;
    }

    public int number() {
        return number;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public State state() {
        return state;
    }

    public Instant metAt() {
        return metAt;
    }

    public String metBy() {
        return metBy;
    }

    public Instant settledAt() {
        return settledAt;
    }

    public String note() {
        return note;
    }

    /** The owner of the steps of deadline {@code id}. */
    public static StepOwner stepOwner(long id) {
        return new StepOwner(STEP_OWNER, id);
    }
}
