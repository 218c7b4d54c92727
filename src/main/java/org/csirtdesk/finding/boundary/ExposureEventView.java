package org.csirtdesk.finding.boundary;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.finding.control.Findings;
import org.csirtdesk.finding.entity.ExposureEvent;

/**
 * A site turning vulnerable ({@code VULNERABLE}) or clear ({@code CLEAR}), as monitoring saw it and when recorded,
 * with the first hosts open then by name and how many there were.
 */
public record ExposureEventView(
        long id,
        String site,
        String vulnerability,
        String kind,
        boolean reintroduced,
        List<String> hosts,
        int hostCount,
        Instant observedAt,
        Instant at,
        String source) {

    static ExposureEventView of(ExposureEvent event, Findings.EventHosts hosts) {
        return new ExposureEventView(
                event.id(),
                event.key().site(),
                event.key().vulnerability(),
                event.kind().name(),
                event.reintroduced(),
                hosts.first(),
                hosts.count(),
                event.observedAt(),
                event.at(),
                event.source().slug());
    }
}
