package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.IngestSummary;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.StoredFinding.Change;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.control.SiteDirectory;

/**
 * Takes a parsed monitoring report in: places each observation at its site through the site registry's copy
 * (the name GOCDB uses, or the site of a host when monitoring named only the host; a name GOCDB lacks is
 * kept as monitoring wrote it), then stores the report in one transaction, tried again when the database
 * chose it as a deadlock victim. A report whose items are all bad is refused whole; otherwise the good
 * items are stored and the bad ones reported.
 */
@ApplicationScoped
public class Intake {

    /** The site of a host that no site in the registry lists. */
    public static final String NO_SITE = "";

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());
    private static final int ATTEMPTS = 4;

    @Inject
    SiteDirectory directory;

    @Inject
    FindingStore store;

    public IngestSummary ingest(Source source, AlertBatch batch) {
        if (batch.observations().isEmpty() && !batch.rejected().isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID_INPUT, "none of the " + batch.refused()
                    + " items can be stored; nothing was", batch.rejected());
        }
        Map<String, String> names = directory.namesOf(batch.observations().stream().map(Observation::reportedSite)
                .filter(site -> site != null).toList());
        Map<String, String> sitesOfHosts = directory.sitesOfHosts(batch.observations().stream()
                .filter(observation -> observation.reportedSite() == null).map(Observation::host).toList());
        Set<String> unknownSites = new TreeSet<>();
        List<Observation> placed = new ArrayList<>(batch.observations().size());
        for (Observation observation : batch.observations()) {
            placed.add(place(observation, names, sitesOfHosts, unknownSites));
        }
        Set<ExposureKey> covered = covered(source, batch.coverage(), names);
        FindingStore.Tally tally = store(source, placed, covered);
        return new IngestSummary(batch.received(), tally.count(Change.CREATED), tally.count(Change.REOPENED),
                tally.count(Change.CLEARED), tally.count(Change.SEEN) + tally.count(Change.STALE), batch.ignored(),
                tally.sitesVulnerable(), tally.sitesCleared(), List.copyOf(unknownSites), batch.rejected());
    }

    private static Observation place(Observation observation, Map<String, String> names, Map<String, String> sitesOfHosts,
                                     Set<String> unknownSites) {
        if (observation.reportedSite() == null) {
            String site = sitesOfHosts.get(observation.host());
            if (site == null) {
                unknownSites.add("(host " + observation.host() + ")");
            }
            return observation.placedAt(site == null ? NO_SITE : site, site != null);
        }
        String site = names.get(observation.reportedSite().toLowerCase(Locale.ROOT));
        if (site == null) {
            unknownSites.add(observation.reportedSite());
        }
        return observation.placedAt(site == null ? observation.reportedSite() : site, site != null);
    }

    /** A snapshot's coverage in stored site names; a whole site covers what is open there now. */
    private Set<ExposureKey> covered(Source source, Coverage coverage, Map<String, String> names) {
        if (coverage.isEmpty()) {
            return Set.of();
        }
        Set<ExposureKey> covered = new TreeSet<>();
        coverage.exposures().forEach(key -> covered.add(new ExposureKey(
                names.getOrDefault(key.site().toLowerCase(Locale.ROOT), key.site()), key.vulnerability())));
        if (!coverage.sites().isEmpty()) {
            Map<String, String> coveredNames = directory.namesOf(coverage.sites());
            covered.addAll(store.openExposures(source, coverage.sites().stream()
                    .map(site -> coveredNames.getOrDefault(site.toLowerCase(Locale.ROOT), site)).toList()));
        }
        return covered;
    }

    /** A deadlock rolls the whole report back, so trying it again stores it exactly once. */
    private FindingStore.Tally store(Source source, List<Observation> placed, Set<ExposureKey> covered) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.apply(source, placed, covered);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isLockConflict(e)) {
                    throw e;
                }
                int next = attempt + 1;
                LOG.fine(() -> "a " + source.slug() + " report met a lock conflict; attempt " + next);
                pause(attempt);
            }
        }
    }

    /** MariaDB's deadlock (1213) and lock wait timeout (1205), however deep the persistence layers wrapped them. */
    static boolean isLockConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a report", e);
        }
    }
}
