package org.csirtdesk.campaign.boundary;

import java.time.Instant;
import org.csirtdesk.campaign.entity.CaseEvent;

/** One entry of a case's record. */
public record CaseEventView(long id, String kind, String actor, Instant at, String detail) {

    static CaseEventView of(CaseEvent e) {
        return new CaseEventView(e.id(), e.kind().name().toLowerCase(), e.actor(), e.at(), e.detail());
    }
}
