package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/** A campaign (SEC03) created in the period: its Incident, its vulnerabilities, its state today and its cases. */
@JsonbNillable
public record CampaignLine(
        long id, long incidentId, String title, String vulnerabilities, String state, Instant createdAt, long cases) {}
