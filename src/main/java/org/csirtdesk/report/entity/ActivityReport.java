package org.csirtdesk.report.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The CSIRT's activity in a period, as its six-monthly report gives it; docs/reports.md defines every figure.
 * {@code start} and {@code end} are the instants of the period [start, end); {@code queues} ends with the row of all
 * queues together.
 */
public record ActivityReport(
        LocalDate from,
        LocalDate to,
        String timeZone,
        Instant start,
        Instant end,
        Instant generatedAt,
        List<QueueFigures> queues,
        Incidents incidents,
        VulnerabilityCases vulnerabilityCases,
        Suspensions suspensions,
        Messages messagesSent,
        FinalWarnings finalWarnings) {

    public record Incidents(long count, List<IncidentLine> items) {}

    public record VulnerabilityCases(long cases, long campaigns, List<CveCases> byVulnerability) {}

    public record Suspensions(long decided, long carriedOut, List<SuspensionLine> items) {}

    public record Messages(long total, List<MessageCount> byKind) {}

    public record FinalWarnings(long sites, long cases, List<FinalWarning> items) {}
}
