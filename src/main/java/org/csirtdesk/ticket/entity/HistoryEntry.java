package org.csirtdesk.ticket.entity;

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
import java.time.Instant;
import org.csirtdesk.platform.entity.DomainException;
import org.hibernate.annotations.Immutable;

/**
 * One change to a ticket, like an RT transaction: who, when, what, the value before and after, and the
 * text of a message. Written once; the database refuses to update or delete it (see the migration).
 */
@NamedQuery(
        name = HistoryEntry.OF_TICKET,
        query = "select h from HistoryEntry h where h.ticket.id = :ticket order by h.id")
@NamedQuery(
        name = HistoryEntry.OF_TICKETS,
        query = "select h from HistoryEntry h where h.ticket.id in :tickets order by h.id")
@NamedQuery(
        name = HistoryEntry.TIME_WORKED_ON,
        query = "select coalesce(sum(h.timeWorked), 0) from HistoryEntry h where h.ticket.id in :tickets")
@Entity
@Immutable
@Table(name = "ticket_history")
public class HistoryEntry {

    public static final String OF_TICKET = "HistoryEntry.ofTicket";

    public static final String OF_TICKETS = "HistoryEntry.ofTickets";

    public static final String TIME_WORKED_ON = "HistoryEntry.timeWorkedOn";

    /** The most minutes one reply or comment may say were worked: a whole day. */
    public static final int MAX_TIME_WORKED = 1440;

    /** Longer old/new values are cut to this length; whole texts go in {@link #content}. */
    public static final int MAX_VALUE_LENGTH = 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id", nullable = false, updatable = false)
    private Ticket ticket;

    /**
     * The ticket's id as read from the row: an entry read outside its transaction (a survivor's history naming each
     * entry's ticket) tells it without loading the ticket.
     */
    @Column(name = "ticket_id", insertable = false, updatable = false)
    private Long ticketIdRead;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private HistoryType type;

    @Column(nullable = false, updatable = false, length = 190)
    private String actor;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(updatable = false, length = 64)
    private String field;

    @Column(name = "old_value", updatable = false, length = MAX_VALUE_LENGTH)
    private String oldValue;

    @Column(name = "new_value", updatable = false, length = MAX_VALUE_LENGTH)
    private String newValue;

    @Column(updatable = false, columnDefinition = "MEDIUMTEXT")
    private String content;

    /** RT's TimeTaken: the minutes worked, said with a reply or a comment; null when not said. */
    @Column(name = "time_worked", updatable = false)
    private Integer timeWorked;

    protected HistoryEntry() {}

    private HistoryEntry(
            Ticket ticket,
            HistoryType type,
            String actor,
            Instant at,
            String field,
            String oldValue,
            String newValue,
            String content) {
        this.ticket = ticket;
        this.type = type;
        this.actor = actor;
        this.at = at;
        this.field = field;
        this.oldValue = cut(oldValue);
        this.newValue = cut(newValue);
        this.content = content;
    }

    public static HistoryEntry created(Ticket ticket, String actor, Instant at, String content) {
        return new HistoryEntry(ticket, HistoryType.CREATE, actor, at, null, null, null, content);
    }

    public static HistoryEntry message(Ticket ticket, HistoryType type, String actor, Instant at, String content) {
        return message(ticket, type, actor, at, content, null);
    }

    /**
     * A reply or comment, with the minutes worked on it when said.
     *
     * @throws DomainException (field {@code timeWorked}) when the minutes are not 0 to {@value #MAX_TIME_WORKED}
     */
    public static HistoryEntry message(
            Ticket ticket, HistoryType type, String actor, Instant at, String content, Integer timeWorked) {
        if (type != HistoryType.CORRESPOND && type != HistoryType.COMMENT) {
            throw new IllegalArgumentException("not a message type: " + type);
        }
        if (timeWorked != null && (timeWorked < 0 || timeWorked > MAX_TIME_WORKED)) {
            throw DomainException.invalid(
                    "timeWorked", "must be a whole number of minutes from 0 to " + MAX_TIME_WORKED + " (a day)");
        }
        HistoryEntry entry = new HistoryEntry(ticket, type, actor, at, null, null, null, content);
        entry.timeWorked = timeWorked;
        return entry;
    }

    public static HistoryEntry change(
            Ticket ticket,
            HistoryType type,
            String actor,
            Instant at,
            String field,
            String oldValue,
            String newValue,
            String note) {
        return new HistoryEntry(ticket, type, actor, at, field, oldValue, newValue, note);
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }

    public Long id() {
        return id;
    }

    public long ticketId() {
        return ticketIdRead != null ? ticketIdRead : ticket.id();
    }

    public Queue queue() {
        return ticket.queue();
    }

    public HistoryType type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    public String field() {
        return field;
    }

    public String oldValue() {
        return oldValue;
    }

    public String newValue() {
        return newValue;
    }

    public String content() {
        return content;
    }

    public Integer timeWorked() {
        return timeWorked;
    }
}
