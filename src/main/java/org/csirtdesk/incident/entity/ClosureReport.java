package org.csirtdesk.incident.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.csirtdesk.ticket.entity.Tlp;

/** The closure report of an incident as it was sent (SEC01-announce), with the file the site's report came in, if any. */
@NamedQuery(
        name = ClosureReport.OF_INCIDENT,
        query = "select c from ClosureReport c where c.incidentId = :id order by c.id")
@Entity
@Table(name = "incident_closures")
public class ClosureReport {

    public static final String OF_INCIDENT = "ClosureReport.ofIncident";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private long incidentId;

    @Column(nullable = false, updatable = false, columnDefinition = "MEDIUMTEXT")
    private String report;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 8)
    private Tlp tlp;

    @Column(name = "attachment_name", updatable = false, length = 255)
    private String attachmentName;

    @Column(name = "attachment_type", updatable = false, length = 127)
    private String attachmentType;

    @Basic(fetch = FetchType.LAZY)
    @Column(updatable = false, columnDefinition = "LONGBLOB")
    private byte[] attachment;

    @Column(name = "closed_at", nullable = false, updatable = false)
    private Instant closedAt;

    @Column(name = "closed_by", nullable = false, updatable = false, length = 190)
    private String closedBy;

    protected ClosureReport() {}

    public ClosureReport(
            long incidentId,
            String report,
            Tlp tlp,
            String attachmentName,
            String attachmentType,
            byte[] attachment,
            String actor,
            Instant now) {
        this.incidentId = incidentId;
        this.report = report;
        this.tlp = tlp;
        this.attachmentName = attachmentName;
        this.attachmentType = attachmentType;
        this.attachment = attachment;
        this.closedBy = actor;
        this.closedAt = now;
    }

    public Long id() {
        return id;
    }

    public long incidentId() {
        return incidentId;
    }

    public String report() {
        return report;
    }

    public Tlp tlp() {
        return tlp;
    }

    public String attachmentName() {
        return attachmentName;
    }

    public String attachmentType() {
        return attachmentType;
    }

    public byte[] attachment() {
        return attachment;
    }

    public boolean hasAttachment() {
        return attachmentName != null;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }
}
