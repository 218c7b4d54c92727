package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.IngestSummary;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.StoredFinding.Change;
import org.csirtdesk.platform.control.TransactionRetry;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.control.SiteDirectory;

/**
 * Takes a parsed monitoring report in: places each observation at its site through the site registry's copy
 * (the site GOCDB lists the host at, whatever site monitoring named, which the finding keeps as its reported site;
 * for a host GOCDB does not list, the name GOCDB uses for the reported site, or that name as monitoring wrote it
 * when GOCDB lacks it), then stores the report in one transaction, tried again when the database
 * chose it as a deadlock victim. A report whose items are all bad is refused whole; otherwise the good
 * items are stored and the bad ones reported.
 */
@ApplicationScoped
public class Intake {

    /** The site of a host that no site in the registry lists. */
    public static final String NO_SITE = "";

    /** A site monitoring named for a host, and the one GOCDB lists the host at. */
    private record Placement(String reportedSite, String site) {}

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());

    @Inject
    SiteDirectory directory;

    @Inject
    FindingStore store;

    public IngestSummary ingest(Source source, AlertBatch batch) {
        if (batch.observations().isEmpty() && !batch.rejected().isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.INVALID_INPUT,
                    "none of the " + batch.refused() + " items can be stored; nothing was",
                    batch.rejected());
        }
        Map<String, String> names = directory.namesOf(batch.observations().stream()
                .map(Observation::reportedSite)
                .filter(site -> site != null)
                .toList());
        Map<String, String> sitesOfHosts = directory.sitesOfHosts(
                batch.observations().stream().map(Observation::host).toList());
        Set<String> unknownSites = new TreeSet<>();
        Map<Placement, SortedSet<String>> moved =
                new TreeMap<>(Comparator.comparing(Placement::reportedSite).thenComparing(Placement::site));
        List<Observation> placed = new ArrayList<>(batch.observations().size());
        for (Observation observation : batch.observations()) {
            Observation at = place(observation, names, sitesOfHosts, unknownSites);
            if (observation.reportedSite() != null
                    && sitesOfHosts.containsKey(observation.host())
                    && !at.site().equals(names.get(observation.reportedSite().toLowerCase(Locale.ROOT)))) {
                moved.computeIfAbsent(new Placement(observation.reportedSite(), at.site()), k -> new TreeSet<>())
                        .add(observation.host());
            }
            placed.add(at);
        }
        Set<ExposureKey> covered = covered(source, batch.coverage(), names);
        FindingStore.Tally tally = store(source, placed, covered);
        List<IngestSummary.SiteDisagreement> disagreements = new ArrayList<>();
        moved.forEach((placement, hosts) -> disagreements.add(new IngestSummary.SiteDisagreement(
                placement.reportedSite(),
                placement.site(),
                hosts.size(),
                hosts.stream().limit(IngestSummary.SiteDisagreement.HOSTS_NAMED).toList())));
        if (!disagreements.isEmpty()) {
            LOG.info(() ->
                    "a " + source.slug() + " report named hosts under other sites than GOCDB lists them at; stored at "
                            + "GOCDB's: " + disagreements);
        }
        return new IngestSummary(
                batch.received(),
                tally.count(Change.CREATED),
                tally.count(Change.REOPENED),
                tally.count(Change.CLEARED),
                tally.count(Change.SEEN) + tally.count(Change.STALE),
                batch.ignored(),
                tally.sitesVulnerable(),
                tally.sitesCleared(),
                List.copyOf(unknownSites),
                batch.rejected(),
                disagreements);
    }

    /** The host's site in GOCDB wins (docs/findings.md); the finding keeps the site monitoring named as reported. */
    private static Observation place(
            Observation observation,
            Map<String, String> names,
            Map<String, String> sitesOfHosts,
            Set<String> unknownSites) {
        String hostSite = sitesOfHosts.get(observation.host());
        if (hostSite != null) {
            return observation.placedAt(hostSite, true);
        }
        if (observation.reportedSite() == null) {
            unknownSites.add("(host " + observation.host() + ")");
            return observation.placedAt(NO_SITE, false);
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
        coverage.exposures()
                .forEach(key -> covered.add(new ExposureKey(
                        names.getOrDefault(key.site().toLowerCase(Locale.ROOT), key.site()), key.vulnerability())));
        if (!coverage.sites().isEmpty()) {
            Map<String, String> coveredNames = directory.namesOf(coverage.sites());
            covered.addAll(store.openExposures(
                    source,
                    coverage.sites().stream()
                            .map(site -> coveredNames.getOrDefault(site.toLowerCase(Locale.ROOT), site))
                            .toList()));
        }
        return covered;
    }

    /**
     * A deadlock or a lock wait timeout (the database busy) rolls the whole report back, so trying it again stores
     * it exactly once. An unreachable database is not tried again: that would only hold the request longer.
     */
    private FindingStore.Tally store(Source source, List<Observation> placed, Set<ExposureKey> covered) {
        return TransactionRetry.REQUEST.run(
                "storing a " + source.slug() + " report", () -> store.apply(source, placed, covered));
    }
}
