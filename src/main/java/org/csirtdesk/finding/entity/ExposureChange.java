package org.csirtdesk.finding.entity;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.platform.entity.VulnerabilityId;

/**
 * What one report changed for one site and vulnerability: its open hosts before and after, the state change
 * of its exposure if there was one, and when monitoring saw what changed (the newest observation among the
 * hosts that opened or closed). Other features read its site and vulnerability as {@link SiteName} and
 * {@link VulnerabilityId}, checked when the change is made so that a bad key fails the report, not a reader.
 */
public record ExposureChange(
        Exposure exposure,
        SortedSet<String> hostsBefore,
        SortedSet<String> hosts,
        Optional<ExposureEvent> event,
        Instant observedAt) {

    public ExposureChange {
        // The fields are not set yet: the exposure's key is checked through the parameter.
        new SiteName(exposure.site());
        new VulnerabilityId(exposure.vulnerability());
    }

    public SiteName site() {
        return new SiteName(exposure.site());
    }

    public VulnerabilityId vulnerability() {
        return new VulnerabilityId(exposure.vulnerability());
    }

    public SortedSet<String> added() {
        TreeSet<String> added = new TreeSet<>(hosts);
        added.removeAll(hostsBefore);
        return added;
    }

    public SortedSet<String> removed() {
        TreeSet<String> removed = new TreeSet<>(hostsBefore);
        removed.removeAll(hosts);
        return removed;
    }
}
