package org.csirtdesk.ticket.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** RT-IR's "member of": a report, investigation or countermeasure belongs to an incident. */
@Entity
@Table(name = "ticket_links")
public class IncidentLink {

    @Embeddable
    public record Key(@Column(name = "child_id") long childId,
                      @Column(name = "incident_id") long incidentId) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected IncidentLink() {
    }

    public IncidentLink(long childId, long incidentId, Instant createdAt) {
        this.key = new Key(childId, incidentId);
        this.createdAt = createdAt;
    }

    public long childId() {
        return key.childId();
    }

    public long incidentId() {
        return key.incidentId();
    }
}
