package org.csirtdesk.incident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A security incident of SEC01: the Incidents ticket it is (subject, status, TLP and history stay the ticket's),
 * its tag and its coordinator, and which stall its coordinator was last told of.
 */
@NamedQuery(name = Incident.BY_TAGS, query = "select i from Incident i where i.tag in :tags order by i.ticketId desc")
@NamedQuery(
        name = Incident.LIST,
        query = "select i from Incident i where (:coordinator is null or i.coordinator = :coordinator) "
                + "and (:status is null or i.ticketId in (select t.id from Ticket t where t.status = :status)) "
                + "and (:stalled is null or (:stalled = true and " + Incident.STALLED + ") "
                + "or (:stalled = false and not " + Incident.STALLED + ")) "
                + "order by i.ticketId desc")
@Entity
@Table(name = "incidents")
public class Incident {

    public static final String BY_TAGS = "Incident.byTags";

    /**
     * The list's page, newest first, by the ticket's status, the coordinator and whether the incident is stalled
     * (SEC01-coordinator); each filter is null for any. Every filter is in the query, so that the page limit
     * counts matching incidents only.
     */
    public static final String LIST = "Incident.list";

    /**
     * Stalled as {@code control.StalledIncidents#stalledSince} says: the ticket is open and the last entry of its
     * history is from the cutoff or before.
     */
    static final String STALLED = "i.ticketId in (select t.id from Ticket t where t.status = :open "
            + "and (select h.at from HistoryEntry h where h.id = "
            + "(select max(x.id) from HistoryEntry x where x.ticket = t)) <= :cutoff)";

    @Id
    @Column(name = "ticket_id")
    private Long ticketId;

    @Column(nullable = false, updatable = false, length = 64)
    private String tag;

    @Column(name = "tag_day", nullable = false, updatable = false)
    private LocalDate tagDay;

    @Column(name = "tag_number", nullable = false, updatable = false)
    private int tagNumber;

    @Column(length = 190)
    private String coordinator;

    @Column(name = "stall_notified_for")
    private Long stallNotifiedFor;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Incident() {}

    public Incident(long ticketId, IncidentTag tag, String coordinator, Instant now) {
        this.ticketId = ticketId;
        this.tag = tag.text();
        this.tagDay = tag.day();
        this.tagNumber = tag.number();
        this.coordinator = coordinator;
        this.createdAt = now;
    }

    /** Appoints another coordinator; returns the one before, or null when it is the same person. */
    public String appoint(String newCoordinator) {
        Objects.requireNonNull(newCoordinator);
        if (newCoordinator.equals(coordinator)) {
            return null;
        }
        String old = coordinator;
        coordinator = newCoordinator;
        return old == null ? "" : old;
    }

    /**
     * Whether the coordinator is still to be told of the stall that began after history entry {@code lastEntry}; it
     * is marked told in the same step, so each stall gives one letter.
     */
    public boolean tellOfStall(long lastEntry) {
        if (stallNotifiedFor != null && stallNotifiedFor == lastEntry) {
            return false;
        }
        stallNotifiedFor = lastEntry;
        return true;
    }

    public long ticketId() {
        return ticketId;
    }

    public String tag() {
        return tag;
    }

    public String coordinator() {
        return coordinator;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
