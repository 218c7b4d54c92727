package org.csirtdesk.ticket.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** RT-IR's "member of": a report, investigation or countermeasure belongs to an incident. */
@NamedQuery(
        name = IncidentLink.OF_CHILDREN,
        query = "select l from IncidentLink l where l.key.childId in :children order by l.key.incidentId")
@NamedQuery(
        name = IncidentLink.INCIDENT_IDS_OF,
        query = "select l.key.incidentId from IncidentLink l where l.key.childId = :child order by l.key.incidentId")
@NamedQuery(name = IncidentLink.CHILD_IDS_OF, query = """
                select l.key.childId from IncidentLink l where l.key.incidentId = :incident
                order by l.key.childId""")
@Entity
@Table(name = "ticket_links")
public class IncidentLink {

    public static final String CHILD_IDS_OF = "IncidentLink.childIdsOf";

    public static final String INCIDENT_IDS_OF = "IncidentLink.incidentIdsOf";

    public static final String OF_CHILDREN = "IncidentLink.ofChildren";

    @Embeddable
    public record Key(
            @Column(name = "child_id") long childId,
            @Column(name = "incident_id") long incidentId) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected IncidentLink() {}

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
