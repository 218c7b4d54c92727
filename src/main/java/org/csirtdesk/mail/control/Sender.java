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
import java.util.Optional;
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
 * Sends due outbox messages, a batch at a time, in three steps: the claim, committed before anything is sent; the
 * sending, outside any transaction; and what became of each message, in a transaction of its own. The claim takes
 * the rows with {@code FOR UPDATE SKIP LOCKED} (instances and workers never take the same message) and leases them
 * ({@code next_attempt_at} moved on by {@link #lease}): only a claim that committed sends, so a claim that Galera's
 * certification refused or a failover cut sends nothing. A crash between sending and the record sends the batch
 * again once the lease is over, with the same Message-IDs. A message that fails for good is written on its ticket's
 * history.
 */
@ApplicationScoped
public class Sender {

    /** What a batch did. */
    public record Batch(int claimed, int sent, int retrying, int failed) {}

    /** A claimed message, composed, to be sent. */
    public record Letter(long id, MimeMessage mail) {}

    /** A committed claim: the letters to send, and how many claimed messages failed for good before sending. */
    public record Claim(int claimed, int failed, List<Letter> letters) {}

    /** How sending one letter ended: sent if {@code failure} is empty. */
    public record Delivery(long id, Optional<Smtp.Failure> failure) {}

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

    /** How long a claimed batch is nobody else's: far longer than sending it takes. */
    @Inject
    @ConfigProperty(name = "csirt.mail.claim-lease", defaultValue = "PT5M")
    Duration lease;

    /**
     * Claims up to {@code size} due messages for the {@link #lease} and composes them. A message that cannot go (a
     * TLP:RED one to a mailing list, one that cannot be composed) fails for good here.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(int size) {
        Instant now = clock.instant();
        List<OutboxMessage> due = outbox.claimDue(OutboxMessage.Channel.SMTP, now, size);
        if (due.isEmpty()) {
            return new Claim(0, 0, List.of());
        }
        // Every thread read before any row changes: a query between the changes would flush them one by one.
        Map<Long, List<String>> threads = threads(due);
        Map<Long, List<OutgoingAttachment>> files = attachments(due);
        List<Letter> letters = new ArrayList<>();
        int failed = 0;
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
            try {
                letters.add(new Letter(
                        message.id(),
                        composer.compose(
                                smtp.session(),
                                message,
                                MailHeaders.of(
                                        message,
                                        threads.getOrDefault(message.id(), List.of()),
                                        tags.prefix(),
                                        outbox.messageIdDomain()),
                                now,
                                files.getOrDefault(message.id(), List.of()))));
                message.waitUntil(now.plus(lease));
            } catch (MessagingException e) {
                failForGood(message, Smtp.classify(e).reason());
                failed++;
            }
        }
        return new Claim(due.size(), failed, letters);
    }

    /** Sends claimed letters on one connection, outside any transaction: nothing here holds a row. */
    public List<Delivery> send(List<Letter> letters) {
        List<Delivery> deliveries = new ArrayList<>();
        Transport connection = null;
        MessagingException unreachable = null;
        try {
            for (Letter letter : letters) {
                if (connection == null && unreachable == null) {
                    try {
                        connection = smtp.connect();
                    } catch (MessagingException e) {
                        unreachable = e;
                        LOG.log(
                                Level.WARNING,
                                "the SMTP server cannot be reached; the batch waits: "
                                        + Smtp.classify(e).reason());
                    }
                }
                if (unreachable != null) {
                    deliveries.add(new Delivery(letter.id(), Optional.of(Smtp.classify(unreachable))));
                    continue;
                }
                try {
                    connection.sendMessage(letter.mail(), letter.mail().getAllRecipients());
                    deliveries.add(new Delivery(letter.id(), Optional.empty()));
                } catch (MessagingException | IllegalStateException e) {
                    deliveries.add(new Delivery(letter.id(), Optional.of(Smtp.classify(e))));
                    // The server may have dropped the connection with its refusal: the next message gets a new one.
                    close(connection);
                    connection = null;
                }
            }
        } finally {
            close(connection);
        }
        return deliveries;
    }

    /**
     * Writes what became of the claimed messages. A message no longer waiting was recorded already (this
     * transaction tried again after a commit that went through before its connection was lost): it is left as it is.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch record(Claim claim, List<Delivery> deliveries) {
        Instant now = clock.instant();
        Backoff backoff = new Backoff(firstRetry, longestRetry, attempts);
        int sent = 0;
        int retrying = 0;
        int failed = claim.failed();
        for (Delivery delivery : deliveries) {
            OutboxMessage message = em.find(OutboxMessage.class, delivery.id());
            if (!message.state().waiting()) {
                continue;
            }
            if (delivery.failure().isEmpty()) {
                message.sent(now);
                sent++;
                continue;
            }
            Smtp.Failure failure = delivery.failure().get();
            if (failure.permanent()) {
                failForGood(message, failure.reason());
                failed++;
            } else if (retryLater(message, failure, now, backoff)) {
                failed++;
            } else {
                retrying++;
            }
        }
        return new Batch(claim.claimed(), sent, retrying, failed);
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
