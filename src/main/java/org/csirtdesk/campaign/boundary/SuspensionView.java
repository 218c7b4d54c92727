package org.csirtdesk.campaign.boundary;

import java.time.Instant;
import org.csirtdesk.campaign.entity.Suspension;

/** An entry of the register of suspended sites. */
public record SuspensionView(
        long id,
        String site,
        String state,
        boolean inForce,
        long campaign,
        long caseId,
        String reason,
        String decidedBy,
        Instant decidedAt,
        long countermeasure,
        long statusChange,
        Instant suspendedAt,
        String reinstatementRequestedBy,
        Instant reinstatementRequestedAt,
        String reinstatementRequest,
        String verifiedBy,
        String verification,
        Long reinstatementChange,
        Instant reinstatedAt) {

    static SuspensionView of(Suspension s) {
        return new SuspensionView(
                s.id(),
                s.site(),
                s.state().name().toLowerCase(),
                s.state().inForce(),
                s.campaignId(),
                s.caseId(),
                s.reason(),
                s.decidedBy(),
                s.decidedAt(),
                s.countermeasureTicketId(),
                s.statusChangeId(),
                s.suspendedAt(),
                s.reinstatementRequestedBy(),
                s.reinstatementRequestedAt(),
                s.reinstatementRequest(),
                s.verifiedBy(),
                s.verification(),
                s.reinstatementChangeId(),
                s.reinstatedAt());
    }
}
