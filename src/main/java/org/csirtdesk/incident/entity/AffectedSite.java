package org.csirtdesk.incident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A site an incident affects, with its Investigation (the thread with that site's contacts) and, when the site
 * said, when it discovered the incident: SEC01's site deadlines count from there.
 */
@NamedQuery(
        name = AffectedSite.OF_INCIDENT,
        query = "select s from AffectedSite s where s.key.incidentId = :id order by s.addedAt, s.key.site")
@NamedQuery(
        name = AffectedSite.BY_INVESTIGATION,
        query = "select s from AffectedSite s where s.investigationId = :ticket")
@NamedQuery(
        name = AffectedSite.OF_INCIDENT_BY_SITE,
        query = "select s from AffectedSite s where s.key.incidentId = :id order by s.key.site")
@Entity
@Table(name = "incident_sites")
public class AffectedSite {

    public static final String OF_INCIDENT_BY_SITE = "AffectedSite.ofIncidentBySite";

    public static final String BY_INVESTIGATION = "AffectedSite.byInvestigation";

    public static final String OF_INCIDENT = "AffectedSite.ofIncident";

    @Embeddable
    public record Key(
            @Column(name = "incident_id") long incidentId,
            @Column(name = "site") String site) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "investigation_id", nullable = false, updatable = false)
    private long investigationId;

    @Column(name = "discovered_at")
    private Instant discoveredAt;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    @Column(name = "added_by", nullable = false, updatable = false, length = 190)
    private String addedBy;

    protected AffectedSite() {}

    public AffectedSite(
            long incidentId, String site, long investigationId, Instant discoveredAt, String actor, Instant now) {
        this.key = new Key(incidentId, site);
        this.investigationId = investigationId;
        this.discoveredAt = discoveredAt;
        this.addedBy = actor;
        this.addedAt = now;
    }

    public long incidentId() {
        return key.incidentId();
    }

    public String site() {
        return key.site();
    }

    public long investigationId() {
        return investigationId;
    }

    public Instant discoveredAt() {
        return discoveredAt;
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String addedBy() {
        return addedBy;
    }
}
