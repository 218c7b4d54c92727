package org.csirtdesk.report.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.csirtdesk.calendar.control.Calendars;
import org.csirtdesk.calendar.entity.WorkingDays;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.Database;
import org.csirtdesk.report.entity.ActivityReport;
import org.csirtdesk.report.entity.CampaignLine;
import org.csirtdesk.report.entity.CveCases;
import org.csirtdesk.report.entity.Distribution;
import org.csirtdesk.report.entity.FinalWarning;
import org.csirtdesk.report.entity.IncidentLine;
import org.csirtdesk.report.entity.MessageCount;
import org.csirtdesk.report.entity.MonthlyResponse;
import org.csirtdesk.report.entity.Period;
import org.csirtdesk.report.entity.QueueFigures;
import org.csirtdesk.report.entity.SiteSuspension;
import org.csirtdesk.report.entity.SuspensionLine;
import org.csirtdesk.report.entity.SuspensionReason;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;

/**
 * Computes the activity report of a period with a handful of SQL aggregations over the history (definitions in
 * docs/reports.md). No ticket is loaded: counts are GROUP BY queries, and the durations come as one compact row per
 * ticket (its queue and two instants), turned into working days here with a calendar made once per report.
 *
 * <p>All queries run in one read-only REPEATABLE READ transaction started WITH CONSISTENT SNAPSHOT, so the figures
 * agree with each other even while tickets change: the application's own transactions are READ COMMITTED, under which
 * each query would see the commits made between them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ActivityReports {

    /** A ticket is closed in the period when its status turned into one of these (RT-IR's inactive statuses). */
    static final List<Status> CLOSING = List.of(Status.RESOLVED, Status.REJECTED, Status.ABANDONED, Status.REMOVED);
    /**
     * The queues that answer a requestor, whose first response is measured: a report's reporter, a site on its
     * Investigation. An Incident or a Countermeasure is the CSIRT's own record; nobody waits for an answer on it.
     */
    static final Set<Queue> ANSWERING = EnumSet.of(Queue.INCIDENT_REPORTS, Queue.INVESTIGATIONS);
    /** Why a site was suspended, in the order the report lists them. */
    static final List<String> SUSPENSION_REASONS = List.of("campaign", "incident", "other");
    /** Correspondence by these actors came in by mail: it is the requestor's, not the CSIRT's, response. */
    static final String INCOMING_MAIL_ACTORS = "mail:%";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Calendars calendars;

    @Inject
    ApplicationClock clock;

    /** The period the request names (defaults: the six months up to today), in the CSIRT's zone. */
    public Period period(String from, String to) {
        return Period.of(from, to, LocalDate.ofInstant(clock.instant(), calendars.zone()), calendars.zone());
    }

    public ActivityReport report(Period period) {
        Instant generatedAt = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            try {
                return new Reading(connection, period).report(generatedAt);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COMMIT");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the activity report of " + period.from() + " to " + period.to() + " could not be read: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The queries of one report, on its connection and snapshot. */
    private final class Reading {

        private final Connection connection;
        private final Period period;
        private final LocalDateTime start;
        private final LocalDateTime end;

        Reading(Connection connection, Period period) {
            this.connection = connection;
            this.period = period;
            this.start = utc(period.start());
            this.end = utc(period.end());
        }

        ActivityReport report(Instant generatedAt) throws SQLException {
            List<TicketSpan> responses = firstResponses();
            List<TicketSpan> resolutions = resolutions();
            Map<Queue, Long> olderUpdated = olderUpdated();
            WorkingDays workingDays = workingDays(resolutions);
            List<QueueFigures> queues = new ArrayList<>();
            for (Queue queue : Queue.values()) {
                queues.add(figures(
                        queue.slug(),
                        queue.displayName(),
                        ANSWERING.contains(queue),
                        responses.stream().filter(t -> t.queue() == queue).toList(),
                        resolutions.stream().filter(t -> t.queue() == queue).toList(),
                        olderUpdated.getOrDefault(queue, 0L),
                        workingDays));
            }
            queues.add(figures(
                    "all",
                    "All queues",
                    true,
                    responses,
                    resolutions,
                    olderUpdated.values().stream().mapToLong(Long::longValue).sum(),
                    workingDays));
            List<IncidentLine> incidents = incidents();
            List<CampaignLine> campaigns = campaigns();
            return new ActivityReport(
                    period.from(),
                    period.to(),
                    period.zone().getId(),
                    period.start(),
                    period.end(),
                    generatedAt,
                    queues,
                    byMonth(responses, workingDays),
                    new ActivityReport.Incidents(
                            incidents.size(),
                            incidents.stream()
                                    .flatMap(i -> i.sites().stream())
                                    .distinct()
                                    .count(),
                            incidents),
                    new ActivityReport.Campaigns(campaigns.size(), campaigns),
                    vulnerabilityCases(),
                    suspensions(),
                    siteSuspensions(generatedAt),
                    messages(),
                    finalWarnings());
        }

        /**
         * A queue's figures; the first-response figures only from the tickets of the queues that answer a requestor
         * (for the row of all queues, those queues' tickets), none for a queue that does not.
         */
        private QueueFigures figures(
                String queue,
                String name,
                boolean answersRequestor,
                List<TicketSpan> created,
                List<TicketSpan> resolved,
                long olderUpdated,
                WorkingDays workingDays) {
            double[] resolutionDays = resolved.stream()
                    .mapToDouble(t -> workingDays.between(t.createdAt(), t.until()))
                    .toArray();
            List<TicketSpan> answerable =
                    created.stream().filter(t -> ANSWERING.contains(t.queue())).toList();
            double[] responseDays = responseDays(answerable, workingDays);
            return new QueueFigures(
                    queue,
                    name,
                    answersRequestor,
                    created.size(),
                    olderUpdated,
                    created.size() + olderUpdated,
                    resolved.size(),
                    answersRequestor ? (long) answerable.size() - responseDays.length : null,
                    answersRequestor ? Distribution.of(responseDays) : null,
                    Distribution.of(resolutionDays));
        }

        private static double[] responseDays(List<TicketSpan> created, WorkingDays workingDays) {
            return created.stream()
                    .filter(t -> t.until() != null)
                    .mapToDouble(t -> workingDays.between(t.createdAt(), t.until()))
                    .toArray();
        }

        /**
         * The first responses per month of the period (the month a ticket was created in, in the CSIRT's zone), over the
         * queues that answer a requestor; every month of the period, also one with no ticket.
         */
        private List<MonthlyResponse> byMonth(List<TicketSpan> created, WorkingDays workingDays) {
            Map<YearMonth, List<TicketSpan>> byMonth = new TreeMap<>();
            for (YearMonth month = YearMonth.from(period.from());
                    !month.isAfter(YearMonth.from(period.to()));
                    month = month.plusMonths(1)) {
                byMonth.put(month, new ArrayList<>());
            }
            created.stream().filter(t -> ANSWERING.contains(t.queue())).forEach(t -> byMonth.get(
                            YearMonth.from(t.createdAt().atZone(period.zone())))
                    .add(t));
            List<MonthlyResponse> months = new ArrayList<>();
            byMonth.forEach((month, tickets) -> {
                double[] days = responseDays(tickets, workingDays);
                months.add(new MonthlyResponse(
                        month.toString(), tickets.size(), tickets.size() - days.length, Distribution.of(days)));
            });
            return months;
        }

        /**
         * A calendar table from the oldest ticket measured to the period's last day: the tickets measured for their
         * first response were created in the period, those resolved in it may be older.
         */
        private WorkingDays workingDays(List<TicketSpan> resolutions) {
            LocalDate first = period.from();
            for (TicketSpan span : resolutions) {
                LocalDate created = span.createdAt().atZone(period.zone()).toLocalDate();
                first = created.isBefore(first) ? created : first;
            }
            return new WorkingDays(calendars.csirt(), first, period.to());
        }

        /**
         * Every ticket created in the period, with the CSIRT's first correspondence on it before the period's end
         * (null: none yet). The period's correspondence is one range of ix_ticket_history_type_at, which holds the
         * ticket and the actor too, so no history row is read; grouped by ticket, then joined to the period's new
         * tickets. (A correlated MIN per new ticket is 3 to 5 times slower over a million rows: a random index dive
         * each.) A ticket's history starts at its creation, so its first response in the period is its first at all;
         * the last condition only keeps a damaged row from giving a negative time.
         */
        private List<TicketSpan> firstResponses() throws SQLException {
            List<TicketSpan> spans = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT t.queue, t.created_at, answered.first_at"
                    + " FROM tickets t LEFT JOIN (SELECT h.ticket_id, MIN(h.at) AS first_at FROM ticket_history h"
                    + " WHERE h.type = 'CORRESPOND' AND h.at >= ? AND h.at < ? AND h.actor NOT LIKE ? GROUP BY h.ticket_id)"
                    + " answered ON answered.ticket_id = t.id AND answered.first_at >= t.created_at"
                    + " WHERE t.created_at >= ? AND t.created_at < ?")) {
                query.setObject(1, start);
                query.setObject(2, end);
                query.setString(3, INCOMING_MAIL_ACTORS);
                query.setObject(4, start);
                query.setObject(5, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        spans.add(new TicketSpan(Queue.valueOf(rows.getString(1)), instant(rows, 2), instant(rows, 3)));
                    }
                }
            }
            return spans;
        }

        /**
         * Every ticket closed in the period, with the last time it was (a ticket reopened and closed again counts
         * once): the closing status changes of the period from ix_ticket_history_status_to.
         */
        private List<TicketSpan> resolutions() throws SQLException {
            List<TicketSpan> spans = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT t.queue, t.created_at, MAX(h.at)"
                    + " FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id"
                    + " WHERE h.status_to IN (" + placeholders(CLOSING.size()) + ") AND h.at >= ? AND h.at < ?"
                    + " AND h.at >= t.created_at GROUP BY h.ticket_id, t.queue, t.created_at")) {
                for (int i = 0; i < CLOSING.size(); i++) {
                    query.setString(1 + i, CLOSING.get(i).label());
                }
                query.setObject(CLOSING.size() + 1, start);
                query.setObject(CLOSING.size() + 2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        spans.add(new TicketSpan(Queue.valueOf(rows.getString(1)), instant(rows, 2), instant(rows, 3)));
                    }
                }
            }
            return spans;
        }

        /**
         * Tickets created before the period with at least one change of their history in it, per queue: the tickets
         * changed in the period come from ix_ticket_history_at_ticket (a range of the index), the older ones of them
         * are counted. Driven by the period's history, not by every older ticket: most of those were not touched.
         */
        private Map<Queue, Long> olderUpdated() throws SQLException {
            Map<Queue, Long> counts = new EnumMap<>(Queue.class);
            try (PreparedStatement query = connection.prepareStatement("SELECT t.queue, COUNT(*) FROM tickets t"
                    + " JOIN (SELECT DISTINCT ticket_id FROM ticket_history WHERE at >= ? AND at < ?) changed"
                    + " ON changed.ticket_id = t.id WHERE t.created_at < ? GROUP BY t.queue")) {
                query.setObject(1, start);
                query.setObject(2, end);
                query.setObject(3, start);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(Queue.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        }

        /**
         * The security incidents (SEC01) opened in the period: the Incidents that are not a campaign's (those are
         * {@link #campaigns}), with their tag and the sites they involve (each affected site has an Investigation).
         */
        private List<IncidentLine> incidents() throws SQLException {
            Map<Long, List<String>> sites = new HashMap<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT s.incident_id, s.site FROM incident_sites s"
                            + " JOIN tickets t ON t.id = s.incident_id WHERE t.created_at >= ? AND t.created_at < ?"
                            + " ORDER BY s.incident_id, s.site")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sites.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                                .add(rows.getString(2));
                    }
                }
            }
            List<IncidentLine> lines = new ArrayList<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT t.id, i.tag, t.subject, t.status, t.created_at FROM tickets t"
                            + " LEFT JOIN incidents i ON i.ticket_id = t.id"
                            + " WHERE t.queue = 'INCIDENTS' AND t.created_at >= ? AND t.created_at < ?"
                            + " AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.incident_ticket_id = t.id)"
                            + " ORDER BY t.created_at, t.id")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new IncidentLine(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getString(3),
                                Status.valueOf(rows.getString(4)).label(),
                                instant(rows, 5),
                                sites.getOrDefault(rows.getLong(1), List.of())));
                    }
                }
            }
            return lines;
        }

        /** The campaigns (SEC03) created in the period, with their cases. */
        private List<CampaignLine> campaigns() throws SQLException {
            List<CampaignLine> lines = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT c.id, c.incident_ticket_id, c.title, "
                    + vulnerabilitiesOf("c", "id") + ", c.state, c.created_at,"
                    + " (SELECT COUNT(*) FROM campaign_cases k WHERE k.campaign_id = c.id)"
                    + " FROM campaigns c WHERE c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new CampaignLine(
                                rows.getLong(1),
                                rows.getLong(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5).toLowerCase(Locale.ROOT),
                                instant(rows, 6),
                                rows.getLong(7)));
                    }
                }
            }
            return lines;
        }

        /**
         * Campaign cases opened in the period, per vulnerability of their campaign (a case of two CVEs counts for each),
         * with where they are today: resolved, suspended, or open (pending, open, awaiting the coordinator).
         */
        private ActivityReport.VulnerabilityCases vulnerabilityCases() throws SQLException {
            String byState = "SUM(c.state = 'RESOLVED'), SUM(c.state = 'SUSPENDED'),"
                    + " SUM(c.state NOT IN ('RESOLVED', 'SUSPENDED'))";
            List<CveCases> byVulnerability = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT v.vulnerability, COUNT(*),"
                    + " COUNT(DISTINCT c.campaign_id), " + byState + " FROM campaign_cases c"
                    + " JOIN campaign_vulnerabilities v ON v.campaign_id = c.campaign_id"
                    + " WHERE c.opened_at >= ? AND c.opened_at < ? GROUP BY v.vulnerability"
                    + " ORDER BY COUNT(*) DESC, v.vulnerability")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        byVulnerability.add(new CveCases(
                                rows.getString(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                rows.getLong(4),
                                rows.getLong(5),
                                rows.getLong(6)));
                    }
                }
            }
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT c.campaign_id), " + byState
                            + " FROM campaign_cases c WHERE c.opened_at >= ? AND c.opened_at < ?")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new ActivityReport.VulnerabilityCases(
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            rows.getLong(5),
                            byVulnerability);
                }
            }
        }

        /**
         * The sites GOCDB showed suspended in the period (a confirmed status change to Suspended), why, and for how
         * long: until the site's next confirmed status change, or, still in force, until {@code generatedAt}. The
         * reason: {@code campaign} for a campaign's suspension (SEC03-4.5), {@code incident} for a request naming a
         * security incident or a ticket linked to one, {@code other} for the rest.
         */
        private ActivityReport.SiteSuspensions siteSuspensions(Instant generatedAt) throws SQLException {
            List<SiteSuspension> items = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT s.name, CASE"
                    + " WHEN EXISTS (SELECT 1 FROM suspensions p WHERE p.status_change_id = sc.id) THEN 'campaign'"
                    + " WHEN EXISTS (SELECT 1 FROM incidents i WHERE i.ticket_id = sc.ticket_id)"
                    + " OR EXISTS (SELECT 1 FROM ticket_links l JOIN incidents i ON i.ticket_id = l.incident_id"
                    + " WHERE l.child_id = sc.ticket_id) THEN 'incident' ELSE 'other' END,"
                    + " sc.reason, sc.ticket_id, sc.confirmed_at,"
                    + " (SELECT MIN(n.confirmed_at) FROM site_status_changes n WHERE n.site_id = sc.site_id"
                    + " AND n.state = 'CONFIRMED' AND n.confirmed_at > sc.confirmed_at)"
                    + " FROM site_status_changes sc JOIN sites s ON s.id = sc.site_id"
                    + " WHERE sc.target_status = 'SUSPENDED' AND sc.state = 'CONFIRMED'"
                    + " AND sc.confirmed_at >= ? AND sc.confirmed_at < ? ORDER BY sc.confirmed_at, sc.id")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant suspendedAt = instant(rows, 5);
                        Instant endedAt = instant(rows, 6);
                        long ticket = rows.getLong(4);
                        items.add(new SiteSuspension(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.wasNull() ? null : ticket,
                                suspendedAt,
                                endedAt,
                                days(suspendedAt, endedAt == null ? generatedAt : endedAt)));
                    }
                }
            }
            List<SuspensionReason> byReason = new ArrayList<>();
            for (String reason : SUSPENSION_REASONS) {
                List<SiteSuspension> of =
                        items.stream().filter(s -> s.reason().equals(reason)).toList();
                Distribution durations = Distribution.of(
                        of.stream().mapToDouble(SiteSuspension::days).toArray());
                byReason.add(new SuspensionReason(
                        reason,
                        of.size(),
                        of.stream().filter(s -> s.endedAt() != null).count(),
                        durations.median(),
                        of.stream().mapToDouble(SiteSuspension::days).max().stream()
                                .boxed()
                                .findFirst()
                                .orElse(null)));
            }
            return new ActivityReport.SiteSuspensions(items.size(), byReason, items);
        }

        private ActivityReport.Suspensions suspensions() throws SQLException {
            List<SuspensionLine> lines = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT s.id, s.site, s.campaign_id, c.title, "
                    + vulnerabilitiesOf("s") + ", s.state, s.reason, s.decided_at, s.suspended_at"
                    + " FROM suspensions s JOIN campaigns c ON c.id = s.campaign_id"
                    + " WHERE s.decided_at >= ? AND s.decided_at < ? ORDER BY s.decided_at, s.id")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new SuspensionLine(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getLong(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getString(6).toLowerCase(Locale.ROOT).replace('_', ' '),
                                rows.getString(7),
                                instant(rows, 8),
                                instant(rows, 9)));
                    }
                }
            }
            return new ActivityReport.Suspensions(
                    lines.size(),
                    lines.stream().filter(s -> s.suspendedAt() != null).count(),
                    lines);
        }

        private ActivityReport.Messages messages() throws SQLException {
            List<MessageCount> byKind = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT kind, COUNT(*) FROM outbox_messages"
                    + " WHERE state = 'SENT' AND sent_at >= ? AND sent_at < ? GROUP BY kind ORDER BY kind")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        byKind.add(new MessageCount(rows.getString(1), rows.getLong(2)));
                    }
                }
            }
            return new ActivityReport.Messages(
                    byKind.stream().mapToLong(MessageCount::sent).sum(), byKind);
        }

        private ActivityReport.FinalWarnings finalWarnings() throws SQLException {
            List<FinalWarning> lines = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT k.id, k.site, k.campaign_id, c.title, "
                            + vulnerabilitiesOf("k") + ", k.final_warning_at"
                            + " FROM campaign_cases k JOIN campaigns c ON c.id = k.campaign_id"
                            + " WHERE k.final_warning_at >= ? AND k.final_warning_at < ? ORDER BY k.site, k.final_warning_at")) {
                query.setObject(1, start);
                query.setObject(2, end);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new FinalWarning(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getLong(3),
                                rows.getString(4),
                                rows.getString(5),
                                instant(rows, 6)));
                    }
                }
            }
            return new ActivityReport.FinalWarnings(
                    lines.stream().map(FinalWarning::site).distinct().count(), lines.size(), lines);
        }
    }

    /** The vulnerabilities of the campaign of the row {@code alias} (which has a campaign_id), comma-separated. */
    private static String vulnerabilitiesOf(String alias) {
        return vulnerabilitiesOf(alias, "campaign_id");
    }

    /** The vulnerabilities of the campaign whose id is the column {@code column} of the row {@code alias}. */
    private static String vulnerabilitiesOf(String alias, String column) {
        return "(SELECT GROUP_CONCAT(v.vulnerability ORDER BY v.vulnerability SEPARATOR ', ')"
                + " FROM campaign_vulnerabilities v WHERE v.campaign_id = " + alias + "." + column + ")";
    }

    /** Calendar days from one instant to another, to two decimals: a suspension lasts whole days, weekends too. */
    static double days(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMinutes() / (24.0 * 60) * 100) / 100.0;
    }

    /** A ticket's queue, its creation and the instant a duration runs to (null: it has not come). */
    private record TicketSpan(Queue queue, Instant createdAt, Instant until) {}

    private static String placeholders(int count) {
        String[] marks = new String[count];
        Arrays.fill(marks, "?");
        return String.join(", ", marks);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
