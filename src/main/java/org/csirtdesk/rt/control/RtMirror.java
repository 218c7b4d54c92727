package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.TicketId;
import org.csirtdesk.rt.entity.RtTransaction;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.ContactReplied;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * Mirrors what happened to a ticket in RT into the application's ticket, in one transaction per ticket, so that the
 * procedures react as they do to their own tickets: a contact's correspondence is a reply (the {@link ContactReplied}
 * event that SEC03's cases and SEC01's deadlines observe), a status RT's staff set is the ticket's status (a case's
 * Investigation resolved in RT resolves the case), owners, subjects and due dates follow, notes become comments.
 * Nothing mirrored is replicated back into RT.
 */
@ApplicationScoped
public class RtMirror {

    /** A ticket the application follows in RT, and the newest RT transaction already mirrored. */
    public record Followed(long ticketId, long rtId, long lastTransaction) {}

    /**
     * One RT transaction with what was read about it beforehand: the text of a message, the address of its author,
     * the name of a new owner; all null for the application's own transactions, which are only skipped.
     */
    public record Mirrored(RtTransaction transaction, String content, String authorEmail, String newOwner) {}

    private static final Logger LOG = Logger.getLogger(RtMirror.class.getName());

    /** The user RT's scrips act as. */
    private static final String RT_SYSTEM = "RT_System";

    private static final DateTimeFormatter RT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @PersistenceContext
    EntityManager em;

    @Inject
    Tickets tickets;

    @Inject
    RtSettings settings;

    @Inject
    RtTransactionScope transaction;

    @Inject
    Event<ContactReplied> replies;

    @Inject
    ApplicationClock clock;

    /** Which of these RT tickets are the application's, and where following each goes on from. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Long, Followed> followed(Collection<Long> rtIds) {
        if (rtIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Followed> followed = new HashMap<>();
        em.createNativeQuery("SELECT t.id, t.rt_id, COALESCE(f.last_transaction, 0) FROM tickets t"
                        + " LEFT JOIN rt_tickets f ON f.ticket_id = t.id WHERE t.rt_id IN (:rtIds)")
                .setParameter("rtIds", rtIds)
                .getResultList()
                .forEach(row -> {
                    Object[] values = (Object[]) row;
                    long rtId = ((Number) values[1]).longValue();
                    followed.put(
                            rtId,
                            new Followed(((Number) values[0]).longValue(), rtId, ((Number) values[2]).longValue()));
                });
        return followed;
    }

    /** Mirrors RT's new transactions of one ticket, and notes the newest as seen. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void apply(Followed followed, List<Mirrored> news) {
        transaction.mirroringRt();
        long newest = followed.lastTransaction();
        for (Mirrored mirrored : news) {
            RtTransaction txn = mirrored.transaction();
            newest = Math.max(newest, txn.id());
            if (settings.applicationUser().equals(txn.creator())) {
                continue;
            }
            apply(followed.ticketId(), mirrored);
        }
        seen(followed.ticketId(), newest);
    }

    /** Notes RT's transactions up to {@code newest} as seen without mirroring them. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void passOver(Followed followed, long newest) {
        seen(followed.ticketId(), newest);
    }

    private void seen(long ticketId, long newest) {
        em.createNativeQuery("INSERT INTO rt_tickets (ticket_id, last_transaction) VALUES (:ticket, :txn)"
                        + " ON DUPLICATE KEY UPDATE last_transaction = GREATEST(last_transaction, :txn)")
                .setParameter("ticket", ticketId)
                .setParameter("txn", newest)
                .executeUpdate();
    }

    /**
     * A merged ticket's copy in RT lives on (REST2 cannot merge): mail and notes written there go to the survivor, and
     * changes of its fields are left to RT, since a merged ticket changes no more.
     */
    private void apply(long ticketId, Mirrored mirrored) {
        RtTransaction txn = mirrored.transaction();
        String actor = txn.creator() + " (in RT)";
        long answering = tickets.survivorOf(tickets.find(ticketId)).id();
        boolean merged = answering != ticketId;
        switch (txn.type()) {
            case "Correspond" -> correspondence(answering, mirrored, actor);
            case "Comment" ->
                mirroredFrom(
                        txn,
                        tickets.addMessageEntry(answering, null, HistoryType.COMMENT, text(mirrored), null, actor));
            case "Status" -> {
                if (!merged) {
                    status(ticketId, txn, actor);
                }
            }
            case "Set", "Give", "Take", "Steal", "Untake", "Force" -> {
                if (!merged) {
                    field(ticketId, mirrored, actor);
                }
            }
            default -> {
                // Watchers, custom fields and links set in RT stay RT's: the application keeps its own contacts.
            }
        }
    }

    /**
     * A contact's correspondence is the site's reply, raised before it is written (as the mail gateway does);
     * anyone else's (staff replying in RT) is the ticket's correspondence only.
     */
    private void correspondence(long ticketId, Mirrored mirrored, String actor) {
        Ticket ticket = tickets.find(ticketId);
        String from = mirrored.authorEmail();
        boolean byContact = from != null && contacts(ticket).contains(from.toLowerCase(Locale.ROOT));
        if (byContact) {
            // RT tells the real time; in exercise mode the application's clock runs ahead of it.
            replies.fire(new ContactReplied(
                    new TicketId(ticketId),
                    from,
                    text(mirrored),
                    mirrored.transaction().created().plus(clock.ahead())));
        }
        // A contact's message is written as the mail gateway writes one (mail:<sender>), so that "site responded" and
        // CSIRT's answers read the history alike in both ticket stores.
        mirroredFrom(
                mirrored.transaction(),
                tickets.addMessageEntry(
                        ticketId,
                        null,
                        HistoryType.CORRESPOND,
                        text(mirrored),
                        null,
                        byContact ? ContactReplied.BY_MAIL + from : actor));
    }

    /**
     * Notes which RT transaction a message came from: its files stay in RT, and a forward of the message fetches them
     * there ({@link RtFiles}).
     */
    private void mirroredFrom(RtTransaction txn, HistoryEntry message) {
        em.createNativeQuery("INSERT INTO rt_mirrored_messages (history_id, rt_transaction_id) VALUES (?1, ?2)")
                .setParameter(1, message.id())
                .setParameter(2, txn.id())
                .executeUpdate();
    }

    private static Set<String> contacts(Ticket ticket) {
        Set<String> contacts = new HashSet<>();
        ticket.requestors().forEach(email -> contacts.add(email.toLowerCase(Locale.ROOT)));
        ticket.cc().forEach(email -> contacts.add(email.toLowerCase(Locale.ROOT)));
        return contacts;
    }

    /**
     * RT's staff moved the ticket: the application's ticket follows where its queue's lifecycle allows the move (RT
     * was set up with the same lifecycles, so it does); otherwise the ticket says what RT did and why it was not
     * followed.
     */
    private void status(long ticketId, RtTransaction txn, String actor) {
        if (RT_SYSTEM.equals(txn.creator())) {
            // RT's own scrips (a correspondence opens a new or inactive ticket): the application applies its own
            // lifecycle's rules to the correspondence it mirrors, and puts its status back with each letter it posts.
            return;
        }
        Ticket ticket = tickets.find(ticketId);
        Optional<Status> target = Status.parse(txn.newValue());
        if (target.isEmpty() || target.get() == ticket.status()) {
            return;
        }
        if (!ticket.queue().lifecycle().allowedFrom(ticket.status()).contains(target.get())) {
            LOG.warning("ticket #" + ticketId + ": RT's status " + txn.newValue() + " not followed from "
                    + ticket.status().label());
            tickets.addMessage(
                    ticketId,
                    null,
                    HistoryType.COMMENT,
                    "In RT the ticket was set to \"" + txn.newValue() + "\" by " + txn.creator() + ", which "
                            + ticket.queue().displayName() + " does not allow from \""
                            + ticket.status().label()
                            + "\" here: not followed.",
                    RtPush.ACTOR);
            return;
        }
        tickets.changeStatus(ticketId, null, target.get(), "changed in RT", actor);
    }

    private void field(long ticketId, Mirrored mirrored, String actor) {
        RtTransaction txn = mirrored.transaction();
        String field = txn.field() == null ? "" : txn.field();
        switch (field) {
            case "Owner" -> tickets.update(ticketId, null, TicketChanges.owner(mirrored.newOwner()), actor);
            case "Subject" -> {
                if (txn.newValue() != null && !txn.newValue().isBlank()) {
                    tickets.update(ticketId, null, TicketChanges.subject(txn.newValue()), actor);
                }
            }
            case "Due" -> tickets.update(ticketId, null, TicketChanges.due(rtDate(txn.newValue())), actor);
            default -> {
                // Priority, time worked and RT's other fields are RT's own.
            }
        }
    }

    /**
     * A date in RT's history is its database's value, in UTC (as the ticket's own dates are read: the client found
     * RT 5.0.3 reads Due in UTC whatever its zone); "not set" is empty or 1970.
     */
    private Instant rtDate(String value) {
        if (value == null || value.isBlank() || value.startsWith("1970-01-01")) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), RT_DATE).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Mirrored mirrored) {
        return mirrored.content() == null ? "" : mirrored.content();
    }
}
