package org.csirtdesk.report.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.csirtdesk.report.entity.ActivityReport;
import org.csirtdesk.report.entity.Distribution;
import org.csirtdesk.report.entity.FinalWarning;
import org.csirtdesk.report.entity.QueueFigures;
import org.csirtdesk.report.entity.SuspensionLine;

/**
 * The activity report as CSV (RFC 4180), one section per table of the JSON: a row {@code section,<name>}, the
 * table's header row, its rows, and an empty row before the next section (docs/reports.md lists the sections).
 * Instants are ISO-8601 in UTC, working days have two decimals, and a missing value is an empty cell.
 */
final class ActivityCsv {

    private ActivityCsv() {}

    static String of(ActivityReport report) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            section(
                    csv,
                    "period",
                    List.of("from", "to", "timeZone", "start", "end", "generatedAt"),
                    List.of(List.of(
                            report.from(),
                            report.to(),
                            report.timeZone(),
                            report.start(),
                            report.end(),
                            report.generatedAt())));
            section(
                    csv,
                    "queues",
                    List.of(
                            "queue",
                            "name",
                            "answersRequestor",
                            "created",
                            "olderUpdated",
                            "handled",
                            "resolved",
                            "awaitingFirstResponse",
                            "firstResponseCount",
                            "firstResponseMedian",
                            "firstResponseP90",
                            "resolutionCount",
                            "resolutionMedian",
                            "resolutionP90"),
                    report.queues().stream().map(ActivityCsv::queueRow).toList());
            section(
                    csv,
                    "distributions",
                    List.of("queue", "measure", "fromWorkingDays", "belowWorkingDays", "tickets"),
                    report.queues().stream()
                            .flatMap(q -> {
                                List<List<?>> rows = new ArrayList<>();
                                if (q.firstResponse() != null) {
                                    q.firstResponse()
                                            .buckets()
                                            .forEach(b -> rows.add(
                                                    cells(q.queue(), "firstResponse", b.from(), b.below(), b.count())));
                                }
                                q.resolution()
                                        .buckets()
                                        .forEach(b -> rows.add(
                                                cells(q.queue(), "resolution", b.from(), b.below(), b.count())));
                                return rows.stream();
                            })
                            .toList());
            section(
                    csv,
                    "firstResponseByMonth",
                    List.of(
                            "month",
                            "created",
                            "awaitingFirstResponse",
                            "firstResponseCount",
                            "firstResponseMedian",
                            "firstResponseP90"),
                    report.firstResponseByMonth().stream()
                            .map(m -> cells(
                                    m.month(),
                                    m.created(),
                                    m.awaitingFirstResponse(),
                                    m.firstResponse().count(),
                                    m.firstResponse().median(),
                                    m.firstResponse().p90()))
                            .toList());
            section(
                    csv,
                    "incidents",
                    List.of("id", "tag", "subject", "status", "createdAt", "sites"),
                    report.incidents().items().stream()
                            .map(i -> cells(
                                    i.id(),
                                    i.tag(),
                                    i.subject(),
                                    i.status(),
                                    i.createdAt(),
                                    String.join("; ", i.sites())))
                            .toList());
            section(
                    csv,
                    "campaigns",
                    List.of("id", "incidentId", "title", "vulnerabilities", "state", "createdAt", "cases"),
                    report.campaigns().items().stream()
                            .map(c -> cells(
                                    c.id(),
                                    c.incidentId(),
                                    c.title(),
                                    c.vulnerabilities(),
                                    c.state(),
                                    c.createdAt(),
                                    c.cases()))
                            .toList());
            ActivityReport.VulnerabilityCases all = report.vulnerabilityCases();
            List<List<?>> cases = new ArrayList<>(all.byVulnerability().stream()
                    .map(c -> List.<Object>of(
                            c.vulnerability(), c.cases(), c.campaigns(), c.resolved(), c.suspended(), c.open()))
                    .toList());
            cases.add(List.of("all", all.cases(), all.campaigns(), all.resolved(), all.suspended(), all.open()));
            section(
                    csv,
                    "vulnerabilityCases",
                    List.of("vulnerability", "cases", "campaigns", "resolved", "suspended", "open"),
                    cases);
            section(
                    csv,
                    "suspensions",
                    List.of(
                            "id",
                            "site",
                            "campaignId",
                            "campaign",
                            "vulnerabilities",
                            "state",
                            "reason",
                            "decidedAt",
                            "suspendedAt"),
                    report.suspensions().items().stream()
                            .map(ActivityCsv::suspensionRow)
                            .toList());
            section(
                    csv,
                    "siteSuspensions",
                    List.of("site", "reason", "why", "ticketId", "suspendedAt", "endedAt", "days"),
                    report.siteSuspensions().items().stream()
                            .map(s -> cells(
                                    s.site(),
                                    s.reason(),
                                    s.why(),
                                    s.ticketId(),
                                    s.suspendedAt(),
                                    s.endedAt(),
                                    s.days()))
                            .toList());
            section(
                    csv,
                    "suspensionReasons",
                    List.of("reason", "count", "ended", "medianDays", "longestDays"),
                    report.siteSuspensions().byReason().stream()
                            .map(r -> cells(r.reason(), r.count(), r.ended(), r.medianDays(), r.longestDays()))
                            .toList());
            List<List<?>> messages = new ArrayList<>(report.messagesSent().byKind().stream()
                    .map(m -> List.<Object>of(m.kind(), m.sent()))
                    .toList());
            messages.add(List.of("all", report.messagesSent().total()));
            section(csv, "messagesSent", List.of("kind", "sent"), messages);
            section(
                    csv,
                    "finalWarnings",
                    List.of("caseId", "site", "campaignId", "campaign", "vulnerabilities", "finalWarningAt"),
                    report.finalWarnings().items().stream()
                            .map(ActivityCsv::finalWarningRow)
                            .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void section(CSVPrinter csv, String name, List<String> header, List<? extends List<?>> rows)
            throws IOException {
        csv.printRecord("section", name);
        csv.printRecord(header);
        for (List<?> row : rows) {
            csv.printRecord(row.stream().map(ActivityCsv::cell).toList());
        }
        csv.println();
    }

    private static List<?> queueRow(QueueFigures q) {
        Distribution response = q.firstResponse();
        Distribution resolution = q.resolution();
        return cells(
                q.queue(),
                q.name(),
                q.answersRequestor(),
                q.created(),
                q.olderUpdated(),
                q.handled(),
                q.resolved(),
                q.awaitingFirstResponse(),
                response == null ? null : response.count(),
                response == null ? null : response.median(),
                response == null ? null : response.p90(),
                resolution.count(),
                resolution.median(),
                resolution.p90());
    }

    private static List<?> suspensionRow(SuspensionLine s) {
        return cells(
                s.id(),
                s.site(),
                s.campaignId(),
                s.campaign(),
                s.vulnerabilities(),
                s.state(),
                s.reason(),
                s.decidedAt(),
                s.suspendedAt());
    }

    private static List<?> finalWarningRow(FinalWarning w) {
        return cells(w.caseId(), w.site(), w.campaignId(), w.campaign(), w.vulnerabilities(), w.finalWarningAt());
    }

    /** A row that may hold nulls (List.of may not). */
    private static List<?> cells(Object... values) {
        return Arrays.asList(values);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, "%.2f", number);
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }
}
