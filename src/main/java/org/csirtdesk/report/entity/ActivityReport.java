package org.csirtdesk.report.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The CSIRT's activity in a period, as its six-monthly report gives it; docs/reports.md defines every figure.
 * {@code start} and {@code end} are the instants of the period [start, end); {@code queues} ends with the row of all
 * queues together. Security incidents (SEC01) and campaigns (SEC03) are counted apart.
 */
public record ActivityReport(
        LocalDate from,
        LocalDate to,
        String timeZone,
        Instant start,
        Instant end,
        Instant generatedAt,
        List<QueueFigures> queues,
        List<MonthlyResponse> firstResponseByMonth,
        Incidents incidents,
        Campaigns campaigns,
        VulnerabilityCases vulnerabilityCases,
        Suspensions suspensions,
        SiteSuspensions siteSuspensions,
        Messages messagesSent,
        FinalWarnings finalWarnings) {

    public record Incidents(long count, long sitesInvolved, List<IncidentLine> items) {}

    public record Campaigns(long count, List<CampaignLine> items) {}

    public record VulnerabilityCases(
            long cases, long campaigns, long resolved, long suspended, long open, List<CveCases> byVulnerability) {}

    public record Suspensions(long decided, long carriedOut, List<SuspensionLine> items) {}

    public record SiteSuspensions(long count, List<SuspensionReason> byReason, List<SiteSuspension> items) {}

    public record Messages(long total, List<MessageCount> byKind) {}

    public record FinalWarnings(long sites, long cases, List<FinalWarning> items) {}
}
