package org.csirtdesk.finding.boundary;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.finding.entity.Exposure;

/**
 * A site's exposure to a vulnerability: its open hosts, since when monitoring has seen it vulnerable, when it
 * cleared, and whether its current or last vulnerable spell is a re-introduction (SEC03-3.1).
 */
public record ExposureView(String site, boolean siteKnown, String vulnerability, String state, List<String> hosts,
                           Instant since, Instant clearedAt, Instant observedAt, int timesVulnerable, boolean reintroduced) {

    static ExposureView of(Exposure exposure) {
        return new ExposureView(exposure.site(), exposure.siteKnown(), exposure.vulnerability(), exposure.state().name(),
                exposure.hosts(), exposure.vulnerableSince(), exposure.clearedAt(), exposure.observedAt(),
                exposure.timesVulnerable(), exposure.reintroduced());
    }
}
