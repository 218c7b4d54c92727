package org.csirtdesk.report.entity;

import java.time.Instant;

/** An Incident opened in the period. */
public record IncidentLine(long id, String subject, String status, Instant createdAt) {}
