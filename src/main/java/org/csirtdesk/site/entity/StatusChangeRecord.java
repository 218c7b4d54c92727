package org.csirtdesk.site.entity;

import java.time.Instant;

/** One certification status change as the registry recorded it ({@code get_cert_status_changes}). */
public record StatusChangeRecord(
        String site,
        CertificationStatus oldStatus,
        CertificationStatus newStatus,
        Instant changedAt,
        String changedBy,
        String comment) {}
