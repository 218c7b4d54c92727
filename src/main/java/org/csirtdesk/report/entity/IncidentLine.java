package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;

/** A security incident (SEC01) opened in the period: its tag (null: none given) and the sites it involves. */
@JsonbNillable
public record IncidentLine(long id, String tag, String subject, String status, Instant createdAt, List<String> sites) {}
