package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureChange;
import org.csirtdesk.finding.entity.ExposureEvent;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.ExposureState;
import org.csirtdesk.finding.entity.Finding;
import org.csirtdesk.finding.entity.FindingsChanged;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.StoredFinding;
import org.csirtdesk.finding.entity.StoredFinding.Change;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.control.ApplicationClock;
import org.hibernate.Session;

/**
 * Applies one monitoring report in one transaction: its findings by {@link StoredFinding}'s rule, then the
 * exposures of the sites whose hosts changed, then one {@link FindingsChanged} event for the readers.
 *
 * <p>Reports are large (a Pakiti snapshot holds every vulnerable host of the federation) and frequent (four
 * Alertmanagers repeat their alerts), so findings are read and written in JDBC batches on the transaction's
 * connection rather than one entity at a time. Two reports about the same site and vulnerability must not
 * interleave, or both could decide a host is new: the exposure rows are the lock. The transaction's first
 * statement takes them, in key order, creating the missing ones; every read after that sees what the last
 * holder committed (transactions are READ COMMITTED, see {@code Database}).
 */
@ApplicationScoped
@Transactional
public class FindingStore {

    /** How the findings of one report ended; counts by change, and the sites that turned. */
    public record Tally(Map<Change, Integer> changes, int sitesVulnerable, int sitesCleared) {

        public int count(Change change) {
            return changes.getOrDefault(change, 0);
        }
    }

    private static final int CHUNK = 1000;
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
            .toFormatter();
    private static final String COLUMNS =
            "id, finding_key, source, site, site_known, reported_site, vulnerability, host, "
                    + "source_ref, detail, first_seen_at, last_seen_at, observed_at, cleared_at";

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Event<FindingsChanged> changed;

    /**
     * Stores the observations of one report, and clears the open findings of {@code source} in the {@code covered}
     * exposures that the report does not list (a snapshot's rule).
     */
    public Tally apply(Source source, List<Observation> observations, Set<ExposureKey> covered) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Observation> latest = latestPerFinding(source, observations);
        SortedSet<ExposureKey> keys = new TreeSet<>(covered);
        Map<ExposureKey, Boolean> siteKnown = new HashMap<>();
        for (Observation observation : latest.values()) {
            keys.add(observation.exposure());
            siteKnown.put(observation.exposure(), observation.siteKnown());
        }
        if (keys.isEmpty()) {
            return new Tally(Map.of(), 0, 0);
        }
        Session session = em.unwrap(Session.class);
        session.doWork(connection -> lockExposures(connection, keys, siteKnown));
        Map<ExposureKey, Exposure> exposures = exposures(keys);
        Map<String, StoredFinding> findings = session.doReturningWork(connection -> findings(connection, keys));
        Map<ExposureKey, SortedSet<String>> openBefore = openHosts(findings.values());

        List<StoredFinding.Outcome> outcomes = new ArrayList<>();
        latest.forEach((key, observation) -> Optional.ofNullable(findings.get(key))
                .map(existing -> existing.observe(observation, now))
                .or(() -> StoredFinding.create(source, observation, now))
                .ifPresent(outcome -> {
                    outcomes.add(outcome);
                    findings.put(key, outcome.finding());
                }));
        for (StoredFinding unlisted : List.copyOf(findings.values())) {
            if (unlisted.source() == source
                    && unlisted.isOpen()
                    && covered.contains(exposureOf(unlisted))
                    && !latest.containsKey(HEX.formatHex(unlisted.key()))) {
                StoredFinding.Outcome outcome = unlisted.observe(clearing(unlisted), now);
                outcomes.add(outcome);
                findings.put(HEX.formatHex(unlisted.key()), outcome.finding());
            }
        }
        session.doWork(connection -> write(connection, outcomes, now));

        Map<Change, Integer> counts = new EnumMap<>(Change.class);
        outcomes.forEach(outcome -> counts.merge(outcome.change(), 1, Integer::sum));
        List<ExposureChange> changes =
                updateExposures(source, outcomes, openBefore, findings.values(), exposures, siteKnown, now);
        session.doWork(connection -> writeEventHosts(connection, changes));
        if (!changes.isEmpty()) {
            changed.fire(new FindingsChanged(source, now, changes));
        }
        return new Tally(counts, count(changes, ExposureState.VULNERABLE), count(changes, ExposureState.CLEAR));
    }

    /** The open findings' exposures of {@code source} at these sites: what a snapshot covering the sites clears. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<ExposureKey> openExposures(Source source, Collection<String> sites) {
        Set<ExposureKey> keys = new TreeSet<>();
        for (List<String> chunk : chunks(List.copyOf(sites))) {
            em.createNamedQuery(Finding.OPEN_PAIRS_OF_SOURCE, Object[].class)
                    .setParameter("source", source)
                    .setParameter("sites", chunk)
                    .getResultList()
                    .forEach(row -> keys.add(new ExposureKey((String) row[0], (String) row[1])));
        }
        return keys;
    }

    /** One observation per finding: a report may name a host twice; the newest observation counts, then the last. */
    private static Map<String, Observation> latestPerFinding(Source source, List<Observation> observations) {
        Map<String, Observation> latest = new LinkedHashMap<>();
        for (Observation observation : observations) {
            String key = HEX.formatHex(
                    StoredFinding.key(source, observation.site(), observation.vulnerability(), observation.host()));
            latest.merge(key, observation, (kept, next) -> next.observedAt().isBefore(kept.observedAt()) ? kept : next);
        }
        return latest;
    }

    /** What a snapshot says of a host it no longer lists: clear, as of the last time it was seen vulnerable. */
    private static Observation clearing(StoredFinding finding) {
        return Observation.reported(
                        finding.reportedSite(),
                        finding.host(),
                        finding.vulnerability(),
                        Verdict.CLEAR,
                        finding.observedAt(),
                        null,
                        null)
                .placedAt(finding.site(), finding.siteKnown());
    }

    private static ExposureKey exposureOf(StoredFinding finding) {
        return new ExposureKey(finding.site(), finding.vulnerability());
    }

    /**
     * Creates the missing exposure rows and locks all of them. INSERT ... ON DUPLICATE KEY UPDATE takes an
     * exclusive lock on a row that exists, as SELECT ... FOR UPDATE would, and creates one that does not.
     */
    private static void lockExposures(
            Connection connection, SortedSet<ExposureKey> keys, Map<ExposureKey, Boolean> siteKnown)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                INSERT INTO exposures (site, vulnerability, state, site_known, open_hosts, times_vulnerable, reintroduced,
                                       version)
                VALUES (?, ?, 'UNSEEN', ?, 0, 0, FALSE, 0)
                ON DUPLICATE KEY UPDATE version = version""")) {
            for (ExposureKey key : keys) {
                lock.setString(1, key.site());
                lock.setString(2, key.vulnerability());
                lock.setBoolean(3, siteKnown.getOrDefault(key, false));
                lock.addBatch();
            }
            lock.executeBatch();
        }
    }

    private Map<ExposureKey, Exposure> exposures(Set<ExposureKey> keys) {
        Set<String> vulnerabilities =
                keys.stream().map(ExposureKey::vulnerability).collect(Collectors.toSet());
        Map<ExposureKey, Exposure> exposures = new HashMap<>();
        for (List<String> sites :
                chunks(keys.stream().map(ExposureKey::site).distinct().toList())) {
            em
                    .createNamedQuery(Exposure.OF_VULNERABILITIES_AND_SITES, Exposure.class)
                    .setParameter("vulnerabilities", vulnerabilities)
                    .setParameter("sites", sites)
                    .getResultList()
                    .stream()
                    .filter(exposure -> keys.contains(exposure.key()))
                    .forEach(exposure -> exposures.put(exposure.key(), exposure));
        }
        return exposures;
    }

    /** The findings of every source in these exposures, by hex key. */
    private static Map<String, StoredFinding> findings(Connection connection, Set<ExposureKey> keys)
            throws SQLException {
        Set<String> vulnerabilities =
                keys.stream().map(ExposureKey::vulnerability).collect(Collectors.toCollection(TreeSet::new));
        Map<String, StoredFinding> findings = new HashMap<>();
        for (List<String> sites :
                chunks(keys.stream().map(ExposureKey::site).distinct().toList())) {
            String sql = "SELECT " + COLUMNS + " FROM findings WHERE vulnerability IN ("
                    + placeholders(vulnerabilities.size()) + ") AND site IN (" + placeholders(sites.size()) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (String vulnerability : vulnerabilities) {
                    select.setString(i++, vulnerability);
                }
                for (String site : sites) {
                    select.setString(i++, site);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredFinding finding = finding(rows);
                        if (keys.contains(exposureOf(finding))) {
                            findings.put(HEX.formatHex(finding.key()), finding);
                        }
                    }
                }
            }
        }
        return findings;
    }

    private static StoredFinding finding(ResultSet row) throws SQLException {
        return new StoredFinding(
                row.getLong("id"),
                row.getBytes("finding_key"),
                Source.valueOf(row.getString("source")),
                row.getString("site"),
                row.getBoolean("site_known"),
                row.getString("reported_site"),
                row.getString("vulnerability"),
                row.getString("host"),
                row.getString("source_ref"),
                row.getString("detail"),
                instant(row, "first_seen_at"),
                instant(row, "last_seen_at"),
                instant(row, "observed_at"),
                instant(row, "cleared_at"));
    }

    /**
     * Writes the outcomes: new findings in one batch, findings seen again unchanged in a few set-wise updates of
     * their last-seen time (the common case: monitoring repeats itself), the others in one batch.
     */
    private static void write(Connection connection, List<StoredFinding.Outcome> outcomes, Instant now)
            throws SQLException {
        List<StoredFinding> created = new ArrayList<>();
        List<Long> onlySeen = new ArrayList<>();
        List<StoredFinding> changed = new ArrayList<>();
        for (StoredFinding.Outcome outcome : outcomes) {
            if (outcome.change() == Change.CREATED) {
                created.add(outcome.finding());
            } else if (outcome.onlySeen()) {
                onlySeen.add(outcome.finding().id());
            } else {
                changed.add(outcome.finding());
            }
        }
        insert(connection, created);
        update(connection, changed);
        for (List<Long> ids : chunks(onlySeen)) {
            try (PreparedStatement seen = connection.prepareStatement(
                    "UPDATE findings SET last_seen_at = ? WHERE id IN (" + placeholders(ids.size()) + ")")) {
                seen.setObject(1, utc(now));
                for (int i = 0; i < ids.size(); i++) {
                    seen.setLong(i + 2, ids.get(i));
                }
                seen.executeUpdate();
            }
        }
    }

    private static void insert(Connection connection, List<StoredFinding> created) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO findings (" + COLUMNS.substring(4) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredFinding finding : created) {
                insert.setBytes(1, finding.key());
                insert.setString(2, finding.source().name());
                insert.setString(3, finding.site());
                insert.setBoolean(4, finding.siteKnown());
                insert.setString(5, finding.reportedSite());
                insert.setString(6, finding.vulnerability());
                insert.setString(7, finding.host());
                insert.setString(8, finding.ref());
                insert.setString(9, finding.detail());
                insert.setObject(10, utc(finding.firstSeenAt()));
                insert.setObject(11, utc(finding.lastSeenAt()));
                insert.setObject(12, utc(finding.observedAt()));
                insert.setObject(13, utc(finding.clearedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void update(Connection connection, List<StoredFinding> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE findings SET last_seen_at = ?, observed_at = ?, "
                        + "cleared_at = ?, source_ref = ?, detail = ? WHERE id = ?")) {
            for (StoredFinding finding : changed) {
                update.setObject(1, utc(finding.lastSeenAt()));
                update.setObject(2, utc(finding.observedAt()));
                update.setObject(3, utc(finding.clearedAt()));
                update.setString(4, finding.ref());
                update.setString(5, finding.detail());
                update.setLong(6, finding.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The hosts of the open findings, by exposure. */
    private static Map<ExposureKey, SortedSet<String>> openHosts(Collection<StoredFinding> findings) {
        return findings.stream()
                .filter(StoredFinding::isOpen)
                .collect(Collectors.groupingBy(
                        FindingStore::exposureOf,
                        Collectors.mapping(StoredFinding::host, Collectors.toCollection(TreeSet::new))));
    }

    /** Gives each exposure whose hosts opened or closed its open hosts now, and records the state changes. */
    private List<ExposureChange> updateExposures(
            Source source,
            List<StoredFinding.Outcome> outcomes,
            Map<ExposureKey, SortedSet<String>> openBefore,
            Collection<StoredFinding> findings,
            Map<ExposureKey, Exposure> exposures,
            Map<ExposureKey, Boolean> siteKnown,
            Instant now) {
        Map<ExposureKey, List<StoredFinding>> moved = new TreeMap<>();
        outcomes.stream().filter(outcome -> outcome.change().opensOrCloses()).forEach(outcome -> moved.computeIfAbsent(
                        exposureOf(outcome.finding()), k -> new ArrayList<>())
                .add(outcome.finding()));
        Map<ExposureKey, List<StoredFinding>> open = findings.stream()
                .filter(StoredFinding::isOpen)
                .filter(finding -> moved.containsKey(exposureOf(finding)))
                .collect(Collectors.groupingBy(FindingStore::exposureOf));
        List<ExposureChange> changes = new ArrayList<>();
        moved.forEach((key, movedFindings) -> {
            Exposure exposure = exposures.get(key);
            List<StoredFinding> openNow = open.getOrDefault(key, List.of());
            SortedSet<String> hosts =
                    openNow.stream().map(StoredFinding::host).collect(Collectors.toCollection(TreeSet::new));
            // Turning vulnerable: since monitoring first saw an open host. Clear: when it saw the last one go.
            Instant observed = hosts.isEmpty()
                    ? movedFindings.stream()
                            .map(StoredFinding::observedAt)
                            .max(Comparator.naturalOrder())
                            .orElse(now)
                    : openNow.stream()
                            .map(StoredFinding::observedAt)
                            .min(Comparator.naturalOrder())
                            .orElse(now);
            SortedSet<String> before = openBefore.getOrDefault(key, Collections.emptySortedSet());
            Optional<ExposureEvent> event =
                    exposure.update(hosts, siteKnown.getOrDefault(key, exposure.siteKnown()), observed, source, now);
            event.ifPresent(em::persist);
            if (event.isPresent() || !before.equals(hosts)) {
                changes.add(new ExposureChange(
                        exposure,
                        before,
                        hosts,
                        event,
                        movedFindings.stream()
                                .map(StoredFinding::observedAt)
                                .max(Comparator.naturalOrder())
                                .orElse(now)));
            }
        });
        return changes;
    }

    /**
     * The hosts each new event names, one row each, in batches: an event of a site with 50,000 hosts names them
     * all. The events are in the table already (their ids come from AUTO_INCREMENT, so persisting inserted them).
     */
    private static void writeEventHosts(Connection connection, List<ExposureChange> changes) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO exposure_event_hosts (event_id, host) VALUES (?, ?)")) {
            int batched = 0;
            for (ExposureChange change : changes) {
                if (change.event().isEmpty()) {
                    continue;
                }
                for (String host : change.hosts()) {
                    insert.setLong(1, change.event().get().id());
                    insert.setString(2, host);
                    insert.addBatch();
                    if (++batched % CHUNK == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (batched % CHUNK != 0) {
                insert.executeBatch();
            }
        }
    }

    private static int count(List<ExposureChange> changes, ExposureState kind) {
        return (int) changes.stream()
                .flatMap(change -> change.event().stream())
                .filter(event -> event.kind() == kind)
                .count();
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * A UTC DATETIME from its text. A report reads back tens of thousands of findings with four times each, and
     * the driver's own conversion (through a calendar and the JVM's zone) was most of that read's cost.
     */
    private static Instant instant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : LocalDateTime.parse(text, DATETIME).toInstant(ZoneOffset.UTC);
    }
}
