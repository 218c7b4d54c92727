package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.ticket.entity.ContactReplied;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.TicketChanged;

/**
 * SEC03-2.7: a person of CSIRT writing to the site on the case's Investigation (a reply from the desk's ticket page,
 * correspondence recorded there, or a reply in RT where tickets are kept in RT) is CSIRT's answer to the site's
 * response, as the case's own answer is: the case stops waiting for CSIRT. The site's own correspondence
 * ({@code mail:<sender>}, by the mail gateway or mirrored from RT) and the campaign's letters are not answers. The
 * case's answer action marks the case first, so it is not counted twice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnsweredOnTheTicket {

    @Inject
    Cases cases;

    @Inject
    ApplicationClock clock;

    void onTicketChanged(@Observes TicketChanged change) {
        if (change.type() != HistoryType.CORRESPOND
                || change.queue() != Queue.INVESTIGATIONS
                || Cases.SYSTEM.equals(change.actor())
                || change.actor().startsWith(ContactReplied.BY_MAIL)) {
            return;
        }
        cases.unresolvedCaseOf(change.ticketId())
                .map(cases::locked)
                .filter(CampaignCase::awaitingCsirt)
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
}
