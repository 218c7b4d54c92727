package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csirtdesk.calendar.control.Calendars;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.platform.control.ApplicationClock;

/**
 * Read models of a campaign for the desk, each computed by the database in a few grouped queries rather than
 * by loading cases and events: how many of its sites were vulnerable day by day and how its cases split by
 * NGI (the charts), and the lines of its case table with each site's NGI and the case's latest event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CampaignFigures {

    /** The sites of the campaign vulnerable at the end of a day (in the CSIRT's zone). */
    public record Day(LocalDate day, long vulnerable) {}

    /** One NGI's cases: all, still vulnerable by monitoring, open (not resolved), suspended, resolved. */
    public record NgiCount(String ngi, long cases, long vulnerable, long open, long suspended, long resolved) {}

    /** The charts' figures. */
    public record Exposure(List<Day> days, List<NgiCount> ngis) {}

    /** A case with its site's NGI (null when GOCDB no longer lists the site) and its latest event. */
    public record CaseLine(CampaignCase c, String ngi, CaseEvent lastEvent) {}

    private static final int MAX_DAYS = 400;

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Calendars calendars;

    @Inject
    Campaigns campaigns;

    /**
     * Day by day, from the first change monitoring saw for the campaign's sites to today, how many of them were
     * vulnerable to any of its vulnerabilities. A site vulnerable to two of them counts once: per site, the running
     * number of vulnerabilities open turns from 0 to 1 (it became vulnerable) or from 1 to 0 (it cleared).
     */
    public Exposure exposure(long campaignId) {
        Campaign campaign = campaigns.find(campaignId);
        int offset = calendars.zone().getRules().getOffset(clock.instant()).getTotalSeconds();
        @SuppressWarnings("unchecked")
        List<Object[]> changes = em.createNativeQuery("""
                        WITH deltas AS (
                            SELECT e.site, e.at, e.id, CASE e.kind WHEN 'VULNERABLE' THEN 1 ELSE -1 END AS delta
                            FROM exposure_events e
                            WHERE e.vulnerability IN (:vulnerabilities)
                              AND e.site COLLATE utf8mb4_unicode_ci IN (SELECT c.site FROM campaign_cases c WHERE c.campaign_id = :campaign)),
                        running AS (
                            SELECT site, at, SUM(delta) OVER (PARTITION BY site ORDER BY at, id) AS open_now,
                                   SUM(delta) OVER (PARTITION BY site ORDER BY at, id) - delta AS open_before
                            FROM deltas)
                        SELECT DATE(at + INTERVAL :offset SECOND) AS day,
                               SUM(CASE WHEN open_before = 0 AND open_now > 0 THEN 1
                                        WHEN open_before > 0 AND open_now = 0 THEN -1 ELSE 0 END) AS change_of_day
                        FROM running GROUP BY day ORDER BY day""")
                .setParameter("vulnerabilities", campaign.vulnerabilities())
                .setParameter("campaign", campaignId)
                .setParameter("offset", offset)
                .getResultList();
        List<Day> days = new ArrayList<>();
        if (!changes.isEmpty()) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), calendars.zone());
            TreeMap<LocalDate, Long> byDay = new TreeMap<>();
            changes.forEach(row -> byDay.put(localDate(row[0]), ((Number) row[1]).longValue()));
            LocalDate last = byDay.lastKey().isAfter(today) ? byDay.lastKey() : today;
            // A chart of more than a year is unreadable; the days before are summed into the first one shown.
            LocalDate first = byDay.firstKey().isBefore(last.minusDays(MAX_DAYS - 1))
                    ? last.minusDays(MAX_DAYS - 1)
                    : byDay.firstKey();
            long vulnerable = byDay.headMap(first).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                vulnerable += byDay.getOrDefault(day, 0L);
                days.add(new Day(day, vulnerable));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> perNgi =
                em.createNativeQuery("""
                        SELECT COALESCE(s.ngi, '(not in GOCDB)') AS ngi_name, COUNT(*), SUM(c.vulnerable),
                               SUM(c.state <> 'RESOLVED'), SUM(c.state = 'SUSPENDED'), SUM(c.state = 'RESOLVED')
                        FROM campaign_cases c LEFT JOIN sites s ON s.name = c.site
                        WHERE c.campaign_id = :campaign GROUP BY ngi_name ORDER BY COUNT(*) DESC, ngi_name""").setParameter("campaign", campaignId).getResultList();
        List<NgiCount> ngis = perNgi.stream()
                .map(row -> new NgiCount(
                        (String) row[0],
                        number(row[1]),
                        number(row[2]),
                        number(row[3]),
                        number(row[4]),
                        number(row[5])))
                .toList();
        return new Exposure(days, ngis);
    }

    /** The campaign's cases by site, with their NGI and latest event, narrowed by state, site and NGI when given. */
    public List<CaseLine> caseTable(
            long campaignId, CampaignCase.State state, String site, String ngi, int offset, int limit) {
        campaigns.find(campaignId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("select c, s.ngi from CampaignCase c left join Site s on s.name = c.site "
                        + "where c.campaignId = :campaign and (:state is null or c.state = :state) "
                        + "and (:site is null or c.site = :site) and (:ngi is null or s.ngi = :ngi) order by c.site")
                .setParameter("campaign", campaignId)
                .setParameter("state", state)
                .setParameter("site", site)
                .setParameter("ngi", ngi)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return lines(rows);
    }

    /** Every case of a site, newest campaign first: the site page's list. */
    public List<CaseLine> casesOfSite(String site) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createQuery("select c, s.ngi from CampaignCase c left join Site s on s.name = c.site "
                        + "where c.site = :site order by c.campaignId desc")
                .setParameter("site", site)
                .setMaxResults(500)
                .getResultList();
        return lines(rows);
    }

    private List<CaseLine> lines(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(row -> ((CampaignCase) row[0]).id()).toList();
        Map<Long, CaseEvent> latest = new HashMap<>();
        em.createNamedQuery(CaseEvent.LAST_OF_CASES, CaseEvent.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(event -> latest.put(event.caseId(), event));
        return rows.stream()
                .map(row -> {
                    CampaignCase c = (CampaignCase) row[0];
                    return new CaseLine(c, (String) row[1], latest.get(c.id()));
                })
                .toList();
    }

    private static LocalDate localDate(Object column) {
        return column instanceof Date date ? date.toLocalDate() : (LocalDate) column;
    }

    private static long number(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
    }
}
