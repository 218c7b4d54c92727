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
import java.time.Instant;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * An indicator of compromise recorded on a ticket: where it came from, the TLP of the texts it was seen in (the
 * strictest, SEC01-tlp: a value first seen in a TLP:RED text stays RED however often an AMBER text repeats it), and,
 * once removed by hand, who removed it and why. A removed one stays, so that reading the ticket's texts again does not
 * bring it back; adding it by hand does.
 */
@NamedQuery(
        name = Indicator.BY_TICKET_TYPE_AND_VALUE,
        query = "select i from Indicator i where i.ticketId = :ticket and i.type = :type and i.value = :value")
@NamedQuery(name = Indicator.OF_TICKET, query = "select i from Indicator i where i.ticketId = :ticket")
@Entity
@Table(name = "ticket_indicators")
public class Indicator {

    public static final String OF_TICKET = "Indicator.ofTicket";

    public static final String BY_TICKET_TYPE_AND_VALUE = "Indicator.byTicketTypeAndValue";

    /** How an indicator came to the ticket. */
    public enum Origin {
        /** Read from the ticket's subject, report or mails. */
        EXTRACTED,
        /** Added by a CSIRT member. */
        MANUAL,
        /** Brought by a report linked to the incident at triage. */
        LINKED
    }

    /** The longest value stored: the unique key's limit. */
    public static final int MAX_VALUE_LENGTH = 700;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    private long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private IndicatorType type;

    @Column(nullable = false, updatable = false, length = MAX_VALUE_LENGTH)
    private String value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Origin origin;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Tlp tlp;

    @Column(length = 255)
    private String note;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "added_by", nullable = false, length = 190)
    private String addedBy;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Column(name = "removed_by", length = 190)
    private String removedBy;

    @Column(name = "removed_reason", length = 255)
    private String removedReason;

    protected Indicator() {}

    public Indicator(
            long ticketId, FoundIndicator found, Origin origin, Tlp tlp, String note, String actor, Instant now) {
        this.ticketId = ticketId;
        this.type = found.type();
        this.value = found.value();
        this.origin = origin;
        this.tlp = tlp;
        this.note = cut(note);
        this.addedBy = actor;
        this.addedAt = now;
    }

    /**
     * Seen (again) in a text of this TLP: the indicator keeps the strictest. Also when removed, so that a value added
     * back by hand keeps what is known of it.
     */
    public void seenIn(Tlp textTlp) {
        if (textTlp.compareTo(tlp) > 0) {
            tlp = textTlp;
        }
    }

    /** Whether a letter or an export of this TLP may carry it: its own TLP is at or below that one. */
    public boolean sharableAt(Tlp letterTlp) {
        return tlp.compareTo(letterTlp) <= 0;
    }

    /**
     * A removed indicator added again by hand is current again; so is one excluded by default (a victim's domain, a
     * reporter's address) that a person adds on purpose: origin MANUAL says so.
     */
    public void restore(String note, String actor, Instant now) {
        origin = Origin.MANUAL;
        this.note = cut(note);
        addedBy = actor;
        addedAt = now;
        removedAt = null;
        removedBy = null;
        removedReason = null;
    }

    public void remove(String reason, String actor, Instant now) {
        if (removedAt != null) {
            throw DomainException.conflict(
                    "indicator",
                    type.slug() + " " + value + " was removed already, by " + removedBy + " at " + removedAt);
        }
        removedAt = now;
        removedBy = actor;
        removedReason = cut(reason);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }

    public boolean isCurrent() {
        return removedAt == null;
    }

    public FoundIndicator found() {
        return new FoundIndicator(type, value);
    }

    public Long id() {
        return id;
    }

    public long ticketId() {
        return ticketId;
    }

    public IndicatorType type() {
        return type;
    }

    public String value() {
        return value;
    }

    public Origin origin() {
        return origin;
    }

    public Tlp tlp() {
        return tlp;
    }

    public String note() {
        return note;
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String addedBy() {
        return addedBy;
    }

    public Instant removedAt() {
        return removedAt;
    }

    public String removedBy() {
        return removedBy;
    }

    public String removedReason() {
        return removedReason;
    }
}
