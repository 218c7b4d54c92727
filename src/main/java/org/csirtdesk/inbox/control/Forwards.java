package org.csirtdesk.inbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.csirtdesk.mail.control.ListAddresses;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.control.Replies;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingAttachment;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.rt.control.RtFiles;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * Work on one message of a ticket's history: a reply that threads to that mail, and a forward of it, with the files
 * the mail came with, to a third party. Here because the mail an entry recorded, its Message-ID and its attachments
 * are the inbox's (or RT's, for a message mirrored from RT); the letters go through the one outbox.
 */
@ApplicationScoped
@Transactional
public class Forwards {

    /** What a forward did: the ticket after its history entry, the letter queued, how many files it carries. */
    public record Forwarded(Ticket ticket, OutboxMessage message, int attachments) {}

    private static final List<HistoryType> MESSAGES =
            List.of(HistoryType.CREATE, HistoryType.CORRESPOND, HistoryType.COMMENT);

    @Inject
    Tickets tickets;

    @Inject
    TicketMails mails;

    @Inject
    Outbox outbox;

    @Inject
    Replies replies;

    @Inject
    ListAddresses lists;

    @Inject
    RtFiles rtFiles;

    /**
     * A reply to the ticket's contacts that answers the entry's mail: In-Reply-To names it when it came by mail with a
     * Message-ID; otherwise the reply threads as any other (to the ticket's latest letter).
     */
    public Replies.Sent reply(
            long ticketId,
            long entryId,
            Long expectedVersion,
            String subject,
            String content,
            Integer timeWorked,
            String actor) {
        HistoryEntry entry = message(ticketId, entryId);
        String inReplyTo =
                mails.ofEntry(entry.id()).map(TicketMails.EntryMail::messageId).orElse(null);
        return replies.reply(ticketId, expectedVersion, subject, content, timeWorked, inReplyTo, actor);
    }

    /**
     * Forwards the entry's text, and the files its mail came with as they were received, to whom the user names. A
     * forward goes to people: never to a mailing list, whatever the TLP; a TLP:RED ticket's entry only with the
     * user's explicit confirmation ({@code confirmRed}), since it leaves the ticket's own contacts. Recorded on the
     * ticket as a comment naming the recipients, in the same transaction as the letter.
     */
    public Forwarded forward(
            long ticketId,
            long entryId,
            List<String> to,
            List<String> cc,
            String note,
            boolean confirmRed,
            Long expectedVersion,
            String actor) {
        HistoryEntry entry = message(ticketId, entryId);
        Ticket ticket = tickets.find(ticketId);
        List<String> recipients = Stream.concat(to.stream(), cc.stream()).toList();
        List<String> toLists = lists.among(recipients);
        if (!toLists.isEmpty()) {
            throw DomainException.conflict(
                    toLists.stream().anyMatch(to::contains) ? "to" : "cc",
                    "a forward goes to people, never to a mailing list: " + String.join(", ", toLists));
        }
        if (ticket.tlp() == Tlp.RED && !confirmRed) {
            throw DomainException.conflict(
                    "confirmRed",
                    "ticket #" + ticketId + " is TLP:RED: forwarding it beyond its contacts needs confirmRed: true");
        }
        Optional<TicketMails.EntryMail> mail = mails.ofEntry(entry.id());
        List<OutgoingAttachment> files = mail.map(m -> mails.attachments(m.id()).stream()
                        .map(a -> new OutgoingAttachment(a.filename(), a.contentType(), a.content()))
                        .toList())
                .orElseGet(() -> rtFiles.of(entry.id()).stream()
                        .map(f -> new OutgoingAttachment(f.filename(), f.contentType(), f.content()))
                        .toList());
        String from = mail.map(TicketMails.EntryMail::from).orElse(entry.actor());
        String subject = mail.map(TicketMails.EntryMail::subject).orElse(ticket.subject());

        StringBuilder recorded = new StringBuilder("Forwarded to ")
                .append(String.join(", ", to))
                .append(cc.isEmpty() ? "" : " (Cc " + String.join(", ", cc) + ")")
                .append(": the ")
                .append(what(entry))
                .append(" of ")
                .append(entry.at())
                .append(" by ")
                .append(from)
                .append(files.isEmpty() ? "" : ", with " + files.size() + " attachment(s)");
        if (note != null) {
            recorded.append("\n\n").append(note);
        }
        Ticket after = tickets.addMessage(ticketId, expectedVersion, HistoryType.COMMENT, recorded.toString(), actor);
        String body = (note == null ? "" : note + "\n\n")
                + "---------- Forwarded message ----------\n"
                + "From: " + from + "\n"
                + "Date: " + entry.at() + "\n"
                + "Subject: " + subject + "\n\n"
                + entry.content();
        OutboxMessage message = outbox.enqueue(
                new OutgoingMessage(
                        "ticket-" + ticketId + "/forward/v" + after.version(),
                        "ticket-forward",
                        ticketId,
                        ticket.tlp(),
                        to,
                        cc,
                        "Fwd: " + subject,
                        body),
                null,
                null,
                files);
        return new Forwarded(after, message, files.size());
    }

    /**
     * One of the messages of the ticket's history (the first message, correspondence or a comment), its own or of a
     * ticket merged into it; others cannot be answered.
     */
    private HistoryEntry message(long ticketId, long entryId) {
        HistoryEntry entry = tickets.historyEntry(ticketId, entryId);
        if (!MESSAGES.contains(entry.type()) || entry.content() == null) {
            throw DomainException.conflict(
                    "entry",
                    "history entry " + entryId + " is a change ("
                            + entry.type().name().toLowerCase()
                            + "), not a message: only the first message, correspondence and comments can be answered "
                            + "or forwarded");
        }
        return entry;
    }

    private static String what(HistoryEntry entry) {
        return switch (entry.type()) {
            case CREATE -> "first message";
            case COMMENT -> "comment";
            default -> "correspondence";
        };
    }
}
