package org.csirtdesk.finding.boundary;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.finding.entity.Exposure;

/**
 * A site's exposure to a vulnerability: its first open hosts by name and how many there are, since when
 * monitoring has seen it vulnerable, when it cleared, and whether its current or last vulnerable spell is a
 * re-introduction (SEC03-3.1). A site can have tens of thousands of hosts: the findings list them all.
 */
public record ExposureView(
        String site,
        boolean siteKnown,
        String vulnerability,
        String state,
        List<String> hosts,
        int openHosts,
        Instant since,
        Instant clearedAt,
        Instant observedAt,
        int timesVulnerable,
        boolean reintroduced) {

    static final int HOSTS_LISTED = 100;

    static ExposureView of(Exposure exposure, List<String> firstHosts) {
        return new ExposureView(
                exposure.site(),
                exposure.siteKnown(),
                exposure.vulnerability(),
                exposure.state().name(),
                firstHosts,
                exposure.openHosts(),
                exposure.vulnerableSince(),
                exposure.clearedAt(),
                exposure.observedAt(),
                exposure.timesVulnerable(),
                exposure.reintroduced());
    }
}
