package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.mail.entity.Subject;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * A person's reply on a ticket, as RT sends it: correspondence in the ticket's history and, in the same
 * transaction, a message in the outbox to the ticket's requestors (To) and Cc. Either both happen or neither.
 */
@ApplicationScoped
@Transactional
public class Replies {

    /** What a reply did: the ticket after it, and the message queued. */
    public record Sent(Ticket ticket, OutboxMessage message) {}

    @Inject
    Tickets tickets;

    @Inject
    Outbox outbox;

    @Inject
    TicketTags tags;

    /**
     * @param subject the mail's subject; without the ticket's tag it gets one in front, so the answer finds the
     *                ticket again; none: the tag and the ticket's subject
     * @param timeWorked the minutes worked on the reply (RT's TimeTaken), or null
     * @param inReplyTo the Message-ID of the one mail of the ticket this reply answers, or null: then it threads to the
     *                  ticket's latest letter
     * @throws DomainException CONFLICT when the ticket has no requestor to write to, or a TLP:RED reply would go to a
     *                         mailing list; PRECONDITION_FAILED when {@code expectedVersion} is stale
     */
    public Sent reply(
            long ticketId,
            Long expectedVersion,
            String subject,
            String content,
            Integer timeWorked,
            String inReplyTo,
            String actor) {
        Ticket before = tickets.find(ticketId);
        if (before.requestors().isEmpty()) {
            throw DomainException.conflict(
                    "requestors",
                    "ticket #" + ticketId + " has no requestor to reply to: add one "
                            + "(or write a comment, which stays inside CSIRT)");
        }
        Ticket ticket =
                tickets.addMessage(ticketId, expectedVersion, HistoryType.CORRESPOND, content, timeWorked, actor);
        String mailSubject = subject(tags.of(ticket.id()), subject, ticket.subject());
        // The ticket's version after this reply names it: one message per reply, whatever retries the caller makes.
        OutboxMessage message = outbox.enqueue(
                new OutgoingMessage(
                        "ticket-" + ticketId + "/reply/v" + ticket.version(),
                        "ticket-reply",
                        ticketId,
                        ticket.tlp(),
                        ticket.requestors(),
                        ticket.cc(),
                        mailSubject,
                        content),
                inReplyTo,
                timeWorked,
                List.of());
        return new Sent(ticket, message);
    }

    /**
     * The subject given, with the ticket's tag (in front, after a leading "Re:") unless it has it, or the tag and the
     * ticket's subject; composed as every subject is ({@link Subject}), so no label is repeated.
     */
    static String subject(String tag, String given, String ticketSubject) {
        return new Subject(given == null ? ticketSubject : given).withTag(tag).text();
    }
}
