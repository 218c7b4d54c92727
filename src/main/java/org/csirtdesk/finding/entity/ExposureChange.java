package org.csirtdesk.finding.entity;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one report changed for one site and vulnerability: its open hosts before and after, the state change
 * of its exposure if there was one, and when monitoring saw what changed (the newest observation among the
 * hosts that opened or closed).
 */
public record ExposureChange(Exposure exposure, SortedSet<String> hostsBefore, SortedSet<String> hosts,
                             Optional<ExposureEvent> event, Instant observedAt) {

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
