package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.mail.entity.Backoff;
import org.csirtdesk.mail.entity.MailHeaders;
import org.csirtdesk.mail.entity.OutboxAttachment;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingAttachment;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends due outbox messages, a batch per transaction: the rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * instances and workers never take the same message, and stay locked until they are marked; a crash between sending
 * and the commit sends the batch again, with the same Message-IDs. A message that fails for good is written on its
 * ticket's history.
 */
@ApplicationScoped
public class Sender {

    /** What a batch did. */
    public record Batch(int claimed, int sent, int retrying, int failed) {

        static final Batch EMPTY = new Batch(0, 0, 0, 0);
    }

    static final String ACTOR = "csirt-desk";
    private static final Logger LOG = Logger.getLogger(Sender.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Smtp smtp;

    @Inject
    Composer composer;

    @Inject
    ListAddresses lists;

    @Inject
    Tickets tickets;

    @Inject
    TicketTags tags;

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "csirt.mail.retry.first", defaultValue = "PT1M")
    Duration firstRetry;

    @Inject
    @ConfigProperty(name = "csirt.mail.retry.longest", defaultValue = "PT1H")
    Duration longestRetry;

    @Inject
    @ConfigProperty(name = "csirt.mail.retry.attempts", defaultValue = "30")
    int attempts;

    /** Claims up to {@code size} due messages and sends them on one connection. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch sendDue(int size) {
        Instant now = clock.instant();
        List<OutboxMessage> due = outbox.claimDue(OutboxMessage.Channel.SMTP, now, size);
        if (due.isEmpty()) {
            return Batch.EMPTY;
        }
        Backoff backoff = new Backoff(firstRetry, longestRetry, attempts);
        // Every thread read before any row changes: a query between the changes would flush them one by one.
        Map<Long, List<String>> threads = threads(due);
        Map<Long, List<OutgoingAttachment>> files = attachments(due);
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        Transport connection = null;
        MessagingException unreachable = null;
        try {
            for (OutboxMessage message : due) {
                List<String> toLists = message.tlp() == Tlp.RED ? lists.among(message.recipients()) : List.of();
                if (!toLists.isEmpty()) {
                    failForGood(
                            message,
                            "TLP:RED never goes to a mailing list, and this message was addressed to "
                                    + String.join(", ", toLists) + ": not sent");
                    failed++;
                    continue;
                }
                MimeMessage mail;
                try {
                    mail = composer.compose(
                            smtp.session(),
                            message,
                            MailHeaders.of(
                                    message,
                                    threads.getOrDefault(message.id(), List.of()),
                                    tags.prefix(),
                                    outbox.messageIdDomain()),
                            now,
                            files.getOrDefault(message.id(), List.of()));
                } catch (MessagingException e) {
                    failForGood(message, Smtp.classify(e).reason());
                    failed++;
                    continue;
                }
                if (connection == null && unreachable == null) {
                    try {
                        connection = smtp.connect();
                    } catch (MessagingException e) {
                        unreachable = e;
                    }
                }
                if (unreachable != null) {
                    if (retryLater(message, Smtp.classify(unreachable), now, backoff)) {
                        failed++;
                    } else {
                        retrying++;
                    }
                    continue;
                }
                try {
                    connection.sendMessage(mail, mail.getAllRecipients());
                    message.sent(now);
                    sent++;
                } catch (MessagingException | IllegalStateException e) {
                    Smtp.Failure failure = Smtp.classify(e);
                    if (failure.permanent()) {
                        failForGood(message, failure.reason());
                        failed++;
                    } else if (retryLater(message, failure, now, backoff)) {
                        failed++;
                    } else {
                        retrying++;
                    }
                    // The server may have dropped the connection with its refusal: the next message gets a new one.
                    close(connection);
                    connection = null;
                }
            }
        } finally {
            close(connection);
        }
        if (unreachable != null) {
            LOG.log(
                    Level.WARNING,
                    "the SMTP server cannot be reached; " + retrying + " message(s) wait: "
                            + Smtp.classify(unreachable).reason());
        }
        return new Batch(due.size(), sent, retrying, failed);
    }

    /**
     * For each message of the batch that belongs to a ticket, the Message-IDs of the ticket's earlier messages that
     * went or will go out, oldest first; in one query for the batch.
     */
    private Map<Long, List<String>> threads(List<OutboxMessage> batch) {
        List<Long> tickets = batch.stream()
                .map(OutboxMessage::ticketId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (tickets.isEmpty()) {
            return Map.of();
        }
        long last = batch.stream().mapToLong(OutboxMessage::id).max().orElseThrow();
        List<Object[]> earlier = em.createNamedQuery(OutboxMessage.THREADS_OF_TICKETS, Object[].class)
                .setParameter("tickets", tickets)
                .setParameter("last", last)
                .setParameter("failed", OutboxMessage.State.FAILED)
                .getResultList();
        Map<Long, List<String>> threads = new HashMap<>();
        for (OutboxMessage message : batch) {
            if (message.ticketId() != null) {
                threads.put(
                        message.id(),
                        earlier.stream()
                                .filter(row -> row[0].equals(message.ticketId()) && (Long) row[1] < message.id())
                                .map(row -> (String) row[2])
                                .toList());
            }
        }
        return threads;
    }

    /** The files of the batch's messages (a forward's), in one query; most batches have none. */
    private Map<Long, List<OutgoingAttachment>> attachments(List<OutboxMessage> batch) {
        Map<Long, List<OutgoingAttachment>> files = new HashMap<>();
        em.createNamedQuery(OutboxAttachment.OF_MESSAGES, OutboxAttachment.class)
                .setParameter("messages", batch.stream().map(OutboxMessage::id).toList())
                .getResultList()
                .forEach(file -> files.computeIfAbsent(file.messageId(), id -> new ArrayList<>())
                        .add(file.attachment()));
        return files;
    }

    /** Answers whether the message failed for good: its attempts are used up. */
    private boolean retryLater(OutboxMessage message, Smtp.Failure failure, Instant now, Backoff backoff) {
        if (message.failedForNow(failure.reason(), now, backoff)) {
            noteOnTicket(message);
            return true;
        }
        return false;
    }

    private void failForGood(OutboxMessage message, String reason) {
        message.failedForGood(reason);
        noteOnTicket(message);
    }

    /** A message that will never go out is said on its ticket, where CSIRT works, not only in the outbox. */
    private void noteOnTicket(OutboxMessage message) {
        LOG.warning(
                "outbox message " + message.messageId() + " (" + message.kind() + ") failed: " + message.lastError());
        if (message.ticketId() != null) {
            tickets.addMessage(
                    message.ticketId(),
                    null,
                    HistoryType.COMMENT,
                    "The mail \"" + message.subject() + "\" ("
                            + message.kind() + ", " + message.messageId() + ") to "
                            + String.join(", ", message.recipients())
                            + " was not delivered and will not be sent again: " + message.lastError(),
                    ACTOR);
        }
    }

    private static void close(Transport connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (MessagingException e) {
                LOG.log(Level.FINE, "closing the SMTP connection failed", e);
            }
        }
    }
}
