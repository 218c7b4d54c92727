package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * A site GOCDB showed suspended in the period: why ({@code reason}: {@code campaign}, {@code incident} or {@code other};
 * {@code why}: the request's words), the ticket the request named, when it took effect and ended (null: still in
 * force), and how long it lasted in calendar days (to the end, or to the report's generation while in force).
 */
@JsonbNillable
public record SiteSuspension(
        String site, String reason, String why, Long ticketId, Instant suspendedAt, Instant endedAt, double days) {}
