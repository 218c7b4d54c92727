package org.csirtdesk.ticket.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * RT's "refers to": a plain link from one ticket to another of any queue, which only says where to look. RT-IR's
 * "member of" an incident, which the procedures' rules follow, is {@link IncidentLink}.
 */
@NamedQuery(name = TicketReference.OF_TICKETS, query = """
                select r from TicketReference r where r.key.ticketId in :tickets or r.key.refersToId in :tickets
                order by r.key.ticketId, r.key.refersToId""")
@Entity
@Table(name = "ticket_references")
public class TicketReference {

    /** The references from and to any of {@code :tickets}. */
    public static final String OF_TICKETS = "TicketReference.ofTickets";

    @Embeddable
    public record Key(
            @Column(name = "ticket_id") long ticketId,
            @Column(name = "refers_to_id") long refersToId) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TicketReference() {}

    public TicketReference(long ticketId, long refersToId, Instant createdAt) {
        this.key = new Key(ticketId, refersToId);
        this.createdAt = createdAt;
    }

    public long ticketId() {
        return key.ticketId();
    }

    public long refersToId() {
        return key.refersToId();
    }
}
