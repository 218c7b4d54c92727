package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureEvent;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.ExposureState;
import org.csirtdesk.finding.entity.Finding;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.Vulnerability;
import org.csirtdesk.platform.entity.DomainException;

/**
 * Reading findings, exposures and vulnerabilities, for the API, the desk and other features (which name none of this
 * feature's entities in their own queries); and the vulnerabilities' rows as the lock that keeps two writers of one
 * vulnerability apart.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Findings {

    public record Page<T>(List<T> items, long total) {}

    /**
     * Which findings: each criterion when given; {@code open} true for open ones, false for cleared ones;
     * {@code siteKnown} false for the sites GOCDB does not know.
     */
    public record FindingFilter(
            Source source, String site, String vulnerability, String host, Boolean open, Boolean siteKnown) {}

    /** A vulnerability with how many sites are vulnerable to it now and how many open findings it has. */
    public record VulnerabilityStatus(Vulnerability vulnerability, long vulnerableSites, long openFindings) {}

    /** The first hosts of an event by name, and how many it named in all. */
    public record EventHosts(List<String> first, int count) {}

    private static final int CHUNK = 1000;

    @PersistenceContext
    EntityManager em;

    public Page<Finding> findings(FindingFilter filter, int offset, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        criterion(where, parameters, "f.source", "source", filter.source());
        criterion(where, parameters, "f.site", "site", filter.site());
        criterion(where, parameters, "f.vulnerability", "vulnerability", filter.vulnerability());
        criterion(where, parameters, "f.host", "host", filter.host());
        criterion(where, parameters, "f.siteKnown", "siteKnown", filter.siteKnown());
        if (filter.open() != null) {
            where.append(filter.open() ? " and f.clearedAt is null" : " and f.clearedAt is not null");
        }
        return page(
                "select f from Finding f" + where + " order by f.vulnerability, f.site, f.host, f.source",
                "select count(f) from Finding f" + where,
                Finding.class,
                parameters,
                offset,
                limit);
    }

    public Page<Exposure> exposures(String site, String vulnerability, ExposureState state, int offset, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        criterion(where, parameters, "e.key.site", "site", site);
        criterion(where, parameters, "e.key.vulnerability", "vulnerability", vulnerability);
        criterion(where, parameters, "e.state", "state", state);
        return page(
                "select e from Exposure e" + where + " order by e.key.vulnerability, e.key.site",
                "select count(e) from Exposure e" + where,
                Exposure.class,
                parameters,
                offset,
                limit);
    }

    public List<VulnerabilityStatus> vulnerabilities() {
        return statuses(
                em.createNamedQuery(Vulnerability.ALL, Vulnerability.class).getResultList());
    }

    public VulnerabilityStatus vulnerability(String id) {
        Vulnerability vulnerability = Optional.ofNullable(
                        em.find(Vulnerability.class, id.strip().toUpperCase(Locale.ROOT)))
                .orElseThrow(() -> DomainException.notFound("vulnerability " + id));
        return statuses(List.of(vulnerability)).get(0);
    }

    private List<VulnerabilityStatus> statuses(List<Vulnerability> vulnerabilities) {
        if (vulnerabilities.isEmpty()) {
            return List.of();
        }
        List<String> ids = vulnerabilities.stream().map(Vulnerability::id).toList();
        Map<String, Long> sites = counts(
                "select e.key.vulnerability, count(e) from Exposure e where e.state = :state "
                        + "and e.key.vulnerability in :ids group by e.key.vulnerability",
                Map.of("state", ExposureState.VULNERABLE, "ids", ids));
        Map<String, Long> findings = counts(
                "select f.vulnerability, count(f) from Finding f where f.clearedAt is null "
                        + "and f.vulnerability in :ids group by f.vulnerability",
                Map.of("ids", ids));
        return vulnerabilities.stream()
                .map(v -> new VulnerabilityStatus(v, sites.getOrDefault(v.id(), 0L), findings.getOrDefault(v.id(), 0L)))
                .toList();
    }

    /** The sites vulnerable now to any of these vulnerabilities, by site and vulnerability. */
    public List<Exposure> vulnerableTo(Collection<String> vulnerabilities) {
        return em.createQuery(
                        "select e from Exposure e where e.key.vulnerability in :vulnerabilities and e.state = :vulnerable "
                                + "order by e.key.site, e.key.vulnerability",
                        Exposure.class)
                .setParameter("vulnerabilities", vulnerabilities)
                .setParameter("vulnerable", ExposureState.VULNERABLE)
                .getResultList();
    }

    /** Whether monitoring sees the site vulnerable now to any of these vulnerabilities. */
    public boolean isVulnerable(String site, Collection<String> vulnerabilities) {
        return em.createQuery(
                                "select count(e) from Exposure e where e.key.site = :site and e.key.vulnerability in :vulnerabilities "
                                        + "and e.state = :vulnerable",
                                Long.class)
                        .setParameter("site", site)
                        .setParameter("vulnerabilities", vulnerabilities)
                        .setParameter("vulnerable", ExposureState.VULNERABLE)
                        .getSingleResult()
                > 0;
    }

    /**
     * The vulnerabilities' rows, created if new and locked until the caller's transaction ends, one by one in order:
     * two writers of one vulnerability (two campaigns, two reports) cannot both pass their checks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockVulnerabilities(Collection<String> vulnerabilities, Instant now) {
        for (String vulnerability : new TreeSet<>(vulnerabilities)) {
            em.createNativeQuery(
                            "INSERT INTO vulnerabilities (id, first_seen_at) VALUES (:id, :now) ON DUPLICATE KEY UPDATE id = id")
                    .setParameter("id", vulnerability)
                    .setParameter(
                            "now",
                            now.truncatedTo(ChronoUnit.MICROS)
                                    .atOffset(ZoneOffset.UTC)
                                    .toLocalDateTime())
                    .executeUpdate();
        }
    }

    /**
     * The first {@code limit} open hosts of each exposure, by name: the hosts of its open findings, of any source.
     * A site can have tens of thousands, so each exposure's count ({@link Exposure#openHosts()}) says how many
     * more there are, and the findings list them all.
     */
    public Map<ExposureKey, List<String>> openHosts(Collection<ExposureKey> keys, int limit) {
        Map<ExposureKey, List<String>> hosts = new HashMap<>();
        List<String> sites = keys.stream().map(ExposureKey::site).distinct().toList();
        List<String> vulnerabilities =
                keys.stream().map(ExposureKey::vulnerability).distinct().toList();
        for (int from = 0; from < sites.size(); from += CHUNK) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT site, vulnerability, host FROM (
                                SELECT site, vulnerability, host,
                                       ROW_NUMBER() OVER (PARTITION BY site, vulnerability ORDER BY host) AS n
                                FROM (SELECT DISTINCT site, vulnerability, host FROM findings
                                      WHERE vulnerability IN (:vulnerabilities) AND site IN (:sites) AND cleared_at IS NULL
                                     ) open_hosts
                            ) numbered
                            WHERE n <= :limit ORDER BY site, vulnerability, n""")
                    .setParameter("vulnerabilities", vulnerabilities)
                    .setParameter("sites", sites.subList(from, Math.min(sites.size(), from + CHUNK)))
                    .setParameter("limit", limit)
                    .getResultList();
            for (Object[] row : rows) {
                ExposureKey key = new ExposureKey((String) row[0], (String) row[1]);
                if (keys.contains(key)) {
                    hosts.computeIfAbsent(key, k -> new ArrayList<>()).add((String) row[2]);
                }
            }
        }
        return hosts;
    }

    /** The open hosts of each exposure as a line for people shows them: the first ten, then how many more. */
    public Map<ExposureKey, List<String>> shownHosts(Collection<Exposure> exposures) {
        Map<ExposureKey, List<String>> first = openHosts(
                exposures.stream().map(Exposure::key).collect(Collectors.toSet()), VulnerabilityReports.HOSTS_SHOWN);
        Map<ExposureKey, List<String>> shown = new HashMap<>();
        exposures.forEach(exposure -> shown.put(
                exposure.key(),
                VulnerabilityReports.listed(first.getOrDefault(exposure.key(), List.of()), exposure.openHosts())));
        return shown;
    }

    /** The hosts an event named, and how many: the first {@code limit} by name of each event. */
    public Map<Long, EventHosts> eventHosts(Collection<Long> eventIds, int limit) {
        Map<Long, EventHosts> hosts = new HashMap<>();
        List<Long> ids = List.copyOf(eventIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT event_id, host, hosts FROM (
                                SELECT event_id, host, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY host) AS n,
                                       COUNT(*) OVER (PARTITION BY event_id) AS hosts
                                FROM exposure_event_hosts WHERE event_id IN (:ids)
                            ) numbered
                            WHERE n <= :limit ORDER BY event_id, n""")
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .setParameter("limit", limit)
                    .getResultList();
            for (Object[] row : rows) {
                long id = ((Number) row[0]).longValue();
                hosts.computeIfAbsent(id, k -> new EventHosts(new ArrayList<>(), ((Number) row[2]).intValue()))
                        .first()
                        .add((String) row[1]);
            }
        }
        return hosts;
    }

    /** The exposure changes of a vulnerability, oldest first: who turned vulnerable or clear, and when. */
    public List<ExposureEvent> events(String vulnerability, Optional<String> site) {
        TypedQuery<ExposureEvent> query = em.createQuery(
                        "select e from ExposureEvent e where e.key.vulnerability = " + ":vulnerability"
                                + (site.isPresent() ? " and e.key.site = :site" : "") + " order by e.id",
                        ExposureEvent.class)
                .setParameter("vulnerability", vulnerability);
        site.ifPresent(name -> query.setParameter("site", name));
        return query.getResultList();
    }

    private static void criterion(
            StringBuilder where, Map<String, Object> parameters, String path, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(path).append(" = :").append(name);
            parameters.put(name, value);
        }
    }

    private <T> Page<T> page(
            String select, String count, Class<T> type, Map<String, Object> parameters, int offset, int limit) {
        TypedQuery<T> items =
                em.createQuery(select, type).setFirstResult(offset).setMaxResults(limit);
        TypedQuery<Long> total = em.createQuery(count, Long.class);
        parameters.forEach((name, value) -> {
            items.setParameter(name, value);
            total.setParameter(name, value);
        });
        return new Page<>(items.getResultList(), total.getSingleResult());
    }

    private Map<String, Long> counts(String jpql, Map<String, Object> parameters) {
        TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class);
        parameters.forEach(query::setParameter);
        Map<String, Long> counts = new HashMap<>();
        query.getResultList().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}
