package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.TicketChanged;

/**
 * SEC03-2.7: a person of CSIRT writing to the site on the case's Investigation (a reply from the desk's ticket page,
 * correspondence recorded there, or a reply in RT where tickets are kept in RT) is CSIRT's answer to the site's
 * response, as the case's own answer is: the case stops waiting for CSIRT. The site's own correspondence (by the mail
 * gateway, {@code mail:<sender>}, or mirrored from RT under the contact's address) and the campaign's letters are
 * not answers. The case's answer action marks the case first, so it is not counted twice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnsweredOnTheTicket {

    @Inject
    Cases cases;

    @Inject
    Tickets tickets;

    @Inject
    ApplicationClock clock;

    void onTicketChanged(@Observes TicketChanged change) {
        if (change.type() != HistoryType.CORRESPOND
                || change.queue() != Queue.INVESTIGATIONS
                || Cases.SYSTEM.equals(change.actor())
                || change.actor().startsWith("mail:")) {
            return;
        }
        cases.unresolvedCaseOf(change.ticketId())
                .map(cases::locked)
                .filter(CampaignCase::awaitingCsirt)
                .filter(c -> !isContact(tickets.find(change.ticketId()), change.actor()))
                .ifPresent(c -> {
                    Duration waited = c.csirtAnswered(clock.instant());
                    cases.event(
                            c,
                            CaseEvent.Kind.CSIRT_ANSWERED,
                            change.actor(),
                            "answered on the ticket"
                                    + (waited == null ? "" : " after " + waited.toMinutes() + " minutes"));
                });
    }

    private static boolean isContact(Ticket ticket, String actor) {
        return ticket.requestors().stream().anyMatch(actor::equalsIgnoreCase)
                || ticket.cc().stream().anyMatch(actor::equalsIgnoreCase);
    }
}
