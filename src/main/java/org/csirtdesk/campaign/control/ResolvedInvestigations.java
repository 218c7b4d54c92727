package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.TicketChanged;

/**
 * A person who resolves a case's Investigation (in the desk's ticket view, or in RT's where tickets are kept in RT)
 * resolves the case: the ticket is where RT-IR users work, and the case must not go on reminding a site whose ticket
 * CSIRT closed. The campaign's own resolutions change the case first, so they are not seen here again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ResolvedInvestigations {

    @Inject
    Cases cases;

    void onTicketChanged(@Observes TicketChanged change) {
        if (change.queue() != Queue.INVESTIGATIONS
                || !change.isStatusChangeTo(Status.RESOLVED)
                || Cases.SYSTEM.equals(change.actor())) {
            return;
        }
        cases.unresolvedCaseOf(change.ticketId())
                .map(cases::locked)
                .filter(c -> c.state() != CampaignCase.State.RESOLVED)
                .ifPresent(c -> cases.resolve(
                        c,
                        Resolution.INVESTIGATION_RESOLVED,
                        "the Investigation was resolved by " + change.actor(),
                        change.actor()));
    }
}
