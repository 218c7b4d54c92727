package org.csirtdesk.finding.entity;

import java.time.Instant;
import java.util.List;

/**
 * The CDI event a stored report raises, inside its transaction, when it changed the vulnerable hosts of any
 * site: one per report, so that a reader (the Incident Report, later a campaign's cases) writes one line per
 * report, not one per alert.
 */
public record FindingsChanged(Source source, Instant at, List<ExposureChange> changes) {

    public FindingsChanged {
        changes = List.copyOf(changes);
    }
}
