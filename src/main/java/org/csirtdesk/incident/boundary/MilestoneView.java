package org.csirtdesk.incident.boundary;

import java.time.Instant;
import org.csirtdesk.incident.entity.Milestone;

/** A milestone of a site as recorded: what happened when, who recorded it, when and why. */
public record MilestoneView(String kind, Instant at, String recordedBy, Instant recordedAt, String reason) {

    static MilestoneView of(Milestone milestone) {
        return new MilestoneView(
                milestone.kind().slug(),
                milestone.happenedAt(),
                milestone.recordedBy(),
                milestone.recordedAt(),
                milestone.reason());
    }
}
