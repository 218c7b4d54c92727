package org.csirtdesk.site.entity;

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

/** A status change made in the embedded registry, kept as GOCDB keeps its own (and never changed). */
@NamedQuery(name = EmbeddedRegistryChange.ALL, query = "select c from EmbeddedRegistryChange c order by c.id")
@NamedQuery(
        name = EmbeddedRegistryChange.OF_SITE,
        query = "select c from EmbeddedRegistryChange c where c.site = :site order by c.id")
@Entity
@Table(name = "embedded_registry_status_changes")
public class EmbeddedRegistryChange {

    public static final String OF_SITE = "EmbeddedRegistryChange.ofSite";

    public static final String ALL = "EmbeddedRegistryChange.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 100)
    private String site;

    @Enumerated(EnumType.STRING)
    @Column(name = "old_status", nullable = false, updatable = false, length = 16)
    private CertificationStatus oldStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_status", nullable = false, updatable = false, length = 16)
    private CertificationStatus newStatus;

    @Column(nullable = false, updatable = false, length = 300)
    private String reason;

    @Column(name = "changed_by", nullable = false, updatable = false, length = 190)
    private String changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant changedAt;

    protected EmbeddedRegistryChange() {}

    public EmbeddedRegistryChange(
            String site,
            CertificationStatus oldStatus,
            CertificationStatus newStatus,
            String reason,
            String changedBy,
            Instant changedAt) {
        this.site = site;
        this.oldStatus = oldStatus;
        this.newStatus = newStatus;
        this.reason = reason;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public StatusChangeRecord toRecord() {
        return new StatusChangeRecord(site, oldStatus, newStatus, changedAt, changedBy, reason);
    }

    public String site() {
        return site;
    }

    public CertificationStatus newStatus() {
        return newStatus;
    }
}
