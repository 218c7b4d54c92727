package org.csirtdesk.rt.entity;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.csirtdesk.mail.entity.Backoff;
import org.csirtdesk.platform.entity.Transitions;

/**
 * One piece of the replication of a ticket into RT: its creation, its state (a full-state update, idempotent, armed
 * again by each later change: the generation counts the changes), or one internal note as an RT comment. It waits
 * until done; RT being unreachable never ends it (it is tried again with backoff, however long RT is away), RT's
 * refusal does (failed, said on the ticket with RT's words).
 */
@NamedQuery(name = RtJob.BY_IDS, query = "select j from RtJob j where j.id in :ids order by j.ticketId, j.id")
@NamedQuery(name = RtJob.BY_KEY, query = "select j from RtJob j where j.key = :key")
@NamedQuery(name = RtJob.COUNT_BY_STATE, query = "select j.state, count(j) from RtJob j group by j.state")
@NamedQuery(name = RtJob.OLDEST_WAITING, query = "select min(j.createdAt) from RtJob j where j.state = :waiting")
@Entity
@Table(name = "rt_jobs")
public class RtJob {

    public static final String BY_IDS = "RtJob.byIds";
    public static final String BY_KEY = "RtJob.byKey";
    public static final String COUNT_BY_STATE = "RtJob.countByState";
    public static final String OLDEST_WAITING = "RtJob.oldestWaiting";

    /** What is replicated. */
    public enum Kind {
        /** The ticket itself, with its whole state at the time of the call. */
        CREATE,
        /** The ticket's whole state, put again: status, subject, due, contacts, custom fields, incident links. */
        UPDATE,
        /** One internal note of its history, as an RT comment. */
        COMMENT;

        /** The job's key: one creation and one (re-armed) update per ticket, one comment per history entry. */
        public String key(long ticketId, Long historyId) {
            return switch (this) {
                case CREATE -> "create:" + ticketId;
                case UPDATE -> "update:" + ticketId;
                case COMMENT -> "comment:" + historyId;
            };
        }

        /** Whether doing it twice does harm: then an attempt that may have reached RT is looked for first. */
        public boolean idempotent() {
            return this == UPDATE;
        }
    }

    public enum State {
        WAITING,
        DONE,
        FAILED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(WAITING, List.of(WAITING, DONE, FAILED)),
                        entry(DONE, List.of(WAITING)),
                        entry(FAILED, List.of(WAITING))));
    }

    static final int ERROR_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "dedup_key", nullable = false, updatable = false, length = 64)
    private String key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Kind kind;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    private long ticketId;

    @Column(name = "history_id", updatable = false)
    private Long historyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false)
    private long generation;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "handed_over_at")
    private Instant handedOverAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected RtJob() {}

    public RtJob(Kind kind, long ticketId, Long historyId, Instant now) {
        this.kind = Objects.requireNonNull(kind);
        this.key = kind.key(ticketId, historyId);
        this.ticketId = ticketId;
        this.historyId = historyId;
        this.state = State.WAITING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public Long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public long ticketId() {
        return ticketId;
    }

    public Long historyId() {
        return historyId;
    }

    public State state() {
        return state;
    }

    public long generation() {
        return generation;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    /** Whether an earlier attempt may have reached RT, so that this one must look before doing it again. */
    public boolean handedOverBefore() {
        return handedOverAt != null;
    }

    /** Armed again by a later change (an update): due now, whatever it was. */
    public void armAgain(Instant now) {
        moveTo(State.WAITING);
        generation++;
        nextAttemptAt = now;
        doneAt = null;
    }

    /** Handed to RT now; nobody else takes it until {@code until}, when a crashed attempt is taken again. */
    public void handedOver(Instant now, Instant until) {
        if (state != State.WAITING) {
            throw new IllegalStateException("RT job " + key + " is " + state + ": nothing to hand over");
        }
        attempts++;
        if (handedOverAt == null) {
            handedOverAt = now;
        }
        nextAttemptAt = until;
    }

    /** Not yet: what it needs in RT (its ticket, its incident) is not there yet. Not an attempt. */
    public void waitUntil(Instant next) {
        nextAttemptAt = next;
    }

    /**
     * Done, unless a change armed it again while it was with RT ({@code generation} is the one it was handed over
     * with): then it stays waiting and goes again.
     */
    public void done(long handedGeneration, Instant now) {
        if (generation != handedGeneration) {
            return;
        }
        moveTo(State.DONE);
        handedOverAt = null;
        nextAttemptAt = null;
        lastError = null;
        doneAt = now;
    }

    /** RT did not answer: tried again after the backoff. {@code reached}: the call may have reached RT. */
    public void retryLater(String error, boolean reached, Instant now, Backoff backoff) {
        moveTo(State.WAITING);
        if (!reached) {
            handedOverAt = null;
        }
        lastError = cut(error);
        nextAttemptAt = backoff.next(attempts, now).orElse(now.plus(backoff.longest()));
    }

    /** RT refused it: trying again cannot change that; a person must look (the reason is on the ticket). */
    public void refused(String reason) {
        moveTo(State.FAILED);
        handedOverAt = null;
        nextAttemptAt = null;
        lastError = cut(reason);
    }

    private void moveTo(State target) {
        if (!State.NEXT.allows(state, target)) {
            throw new IllegalStateException("RT job " + key + " is " + state + " and cannot become " + target);
        }
        state = target;
    }

    private static String cut(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
