package org.csirtdesk.incident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A milestone of an affected site, recorded once by hand: what happened, when, who recorded it and why. */
@NamedQuery(
        name = Milestone.OF_SITE,
        query = "select m from Milestone m where m.key.incidentId = :id and m.key.site = :site order by m.happenedAt")
@Entity
@Table(name = "incident_site_milestones")
public class Milestone {

    public static final String OF_SITE = "Milestone.ofSite";

    @Embeddable
    public record Key(
            @Column(name = "incident_id") long incidentId,
            @Column(name = "site") String site,

            @Enumerated(EnumType.STRING) @Column(name = "kind")
            MilestoneKind kind)
            implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "happened_at", nullable = false, updatable = false)
    private Instant happenedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false, length = 190)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(nullable = false, updatable = false, length = 2000)
    private String reason;

    protected Milestone() {}

    public Milestone(
            AffectedSite site, MilestoneKind kind, Instant happenedAt, String reason, String actor, Instant now) {
        this.key = new Key(site.incidentId(), site.site(), kind);
        this.happenedAt = happenedAt.truncatedTo(ChronoUnit.MICROS);
        this.reason = reason;
        this.recordedBy = actor;
        this.recordedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public String site() {
        return key.site();
    }

    public MilestoneKind kind() {
        return key.kind();
    }

    public Instant happenedAt() {
        return happenedAt;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String reason() {
        return reason;
    }
}
