package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.inbox.entity.TicketlessLetterAnswered;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC03-2.7 before the tickets: a site may answer a letter of its case (the advisory sent to it alone, SEC03-2.3c)
 * days before the case opens its ticket (SEC03-2.4). The reply must reach the case and wait in the queue for CSIRT's
 * answer, so the case's ticket opens now, with the letter answered as its first entry; the case's procedure is
 * unchanged (its ticket step later sends the notice on this ticket instead of opening one).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RepliesBeforeTickets {

    @Inject
    Cases cases;

    @Inject
    CaseMail mail;

    @Inject
    Tickets tickets;

    @Inject
    Outbox outbox;

    void onReply(@Observes TicketlessLetterAnswered reply) {
        OptionalLong caseId = CampaignCase.ofLetterKey(reply.letterKey());
        if (caseId.isEmpty()) {
            return;
        }
        CampaignCase c = cases.locked(caseId.getAsLong());
        if (c.ticketId() == null) {
            OutboxMessage letter = outbox.byKey(reply.letterKey()).orElseThrow();
            Campaign campaign = cases.campaignOf(c);
            Ticket ticket = tickets.create(
                    new TicketDraft(
                            Queue.INVESTIGATIONS,
                            letter.subject(),
                            campaign.tlp(),
                            null,
                            mail.recipients(c.site(), CaseMail.Audience.SITE),
                            List.of(),
                            c.deadlineAt(),
                            c.site(),
                            Map.of(),
                            campaign.incidentTicketId(),
                            "The site answered this letter before its case's ticket was due (SEC03-2.4); the ticket "
                                    + "opens for the answer (SEC03-2.7). The letter, as sent to "
                                    + String.join(", ", letter.recipients()) + ":\n\n" + letter.body()),
                    Cases.SYSTEM);
            c.ticketOpenedForReply(ticket.id());
            cases.event(
                    c,
                    CaseEvent.Kind.TICKET_OPENED_FOR_REPLY,
                    Cases.SYSTEM,
                    "ticket #" + ticket.id() + " opened for " + (reply.from() == null ? "a" : reply.from() + "'s")
                            + " answer to " + letter.kind());
        }
        reply.threadTo(c.ticketId());
    }
}
