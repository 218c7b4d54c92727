package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureEvent;
import org.csirtdesk.finding.entity.ExposureState;
import org.csirtdesk.finding.entity.Finding;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.Vulnerability;
import org.csirtdesk.platform.entity.DomainException;

/** Reading findings, exposures and vulnerabilities, for the API and the desk. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Findings {

    public record Page<T>(List<T> items, long total) {
    }

    /**
     * Which findings: each criterion when given; {@code open} true for open ones, false for cleared ones;
     * {@code siteKnown} false for the sites GOCDB does not know.
     */
    public record FindingFilter(Source source, String site, String vulnerability, String host, Boolean open,
                                Boolean siteKnown) {
    }

    /** A vulnerability with how many sites are vulnerable to it now and how many open findings it has. */
    public record VulnerabilityStatus(Vulnerability vulnerability, long vulnerableSites, long openFindings) {
    }

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
        return page("select f from Finding f" + where + " order by f.vulnerability, f.site, f.host, f.source",
                "select count(f) from Finding f" + where, Finding.class, parameters, offset, limit);
    }

    public Page<Exposure> exposures(String site, String vulnerability, ExposureState state, int offset, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        criterion(where, parameters, "e.key.site", "site", site);
        criterion(where, parameters, "e.key.vulnerability", "vulnerability", vulnerability);
        criterion(where, parameters, "e.state", "state", state);
        return page("select e from Exposure e" + where + " order by e.key.vulnerability, e.key.site",
                "select count(e) from Exposure e" + where, Exposure.class, parameters, offset, limit);
    }

    public List<VulnerabilityStatus> vulnerabilities() {
        return statuses(em.createNamedQuery(Vulnerability.ALL, Vulnerability.class)
                .getResultList());
    }

    public VulnerabilityStatus vulnerability(String id) {
        Vulnerability vulnerability = Optional.ofNullable(em.find(Vulnerability.class, id.strip().toUpperCase(Locale.ROOT)))
                .orElseThrow(() -> DomainException.notFound("vulnerability " + id));
        return statuses(List.of(vulnerability)).get(0);
    }

    private List<VulnerabilityStatus> statuses(List<Vulnerability> vulnerabilities) {
        if (vulnerabilities.isEmpty()) {
            return List.of();
        }
        List<String> ids = vulnerabilities.stream().map(Vulnerability::id).toList();
        Map<String, Long> sites = counts("select e.key.vulnerability, count(e) from Exposure e where e.state = :state "
                + "and e.key.vulnerability in :ids group by e.key.vulnerability", Map.of("state", ExposureState.VULNERABLE,
                "ids", ids));
        Map<String, Long> findings = counts("select f.vulnerability, count(f) from Finding f where f.clearedAt is null "
                + "and f.vulnerability in :ids group by f.vulnerability", Map.of("ids", ids));
        return vulnerabilities.stream().map(v -> new VulnerabilityStatus(v, sites.getOrDefault(v.id(), 0L),
                findings.getOrDefault(v.id(), 0L))).toList();
    }

    /** The exposure changes of a vulnerability, oldest first: who turned vulnerable or clear, and when. */
    public List<ExposureEvent> events(String vulnerability, Optional<String> site) {
        TypedQuery<ExposureEvent> query = em.createQuery("select e from ExposureEvent e where e.key.vulnerability = "
                + ":vulnerability" + (site.isPresent() ? " and e.key.site = :site" : "") + " order by e.id", ExposureEvent.class)
                .setParameter("vulnerability", vulnerability);
        site.ifPresent(name -> query.setParameter("site", name));
        return query.getResultList();
    }

    private static void criterion(StringBuilder where, Map<String, Object> parameters, String path, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(path).append(" = :").append(name);
            parameters.put(name, value);
        }
    }

    private <T> Page<T> page(String select, String count, Class<T> type, Map<String, Object> parameters, int offset,
                             int limit) {
        TypedQuery<T> items = em.createQuery(select, type).setFirstResult(offset).setMaxResults(limit);
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
