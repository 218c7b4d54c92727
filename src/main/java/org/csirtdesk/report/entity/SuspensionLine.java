package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * A suspension decided in the period: the site, the campaign and its vulnerabilities (comma-separated), the
 * register's state today, the reason, and when GOCDB showed the site suspended (null: not, or not yet).
 */
@JsonbNillable
public record SuspensionLine(
        long id,
        String site,
        long campaignId,
        String campaign,
        String vulnerabilities,
        String state,
        String reason,
        Instant decidedAt,
        Instant suspendedAt) {}
