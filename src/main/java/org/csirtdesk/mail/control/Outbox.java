package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.csirtdesk.mail.entity.OutboxAttachment;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingAttachment;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one outbox. A message is written in the caller's transaction, so it exists exactly when the change
 * that caused it does; the same cause (key) gives the same row, never a second one.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Letters that go by SMTP in either store: a forward goes to whom the user names, and RT's correspondence would
     * go to every contact of the ticket instead (and without the forwarded files).
     */
    static final Set<String> BY_SMTP_ALWAYS = Set.of("ticket-forward");

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    ListAddresses lists;

    @Inject
    TicketStore store;

    @Inject
    @ConfigProperty(name = "csirt.mail.message-id-domain", defaultValue = "csirt-desk.local")
    String messageIdDomain;

    /** The domain of the message IDs, and the loop header's value: this instance's mail domain. */
    String messageIdDomain() {
        return messageIdDomain;
    }

    /**
     * Queues the message unless its cause queued one already; returns the row either way. A TLP:RED message to a
     * mailing list is refused, and with it the caller's change (SEC01-tlp): nothing is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage enqueue(OutgoingMessage message) {
        return enqueue(message, null, null, List.of());
    }

    /**
     * Queues a letter that answers one mail in particular ({@code inReplyTo}, its Message-ID; null: the ticket's
     * latest letter), with the minutes worked on it ({@code timeWorked}, null: not said; RT records them as the
     * correspondence's TimeTaken) and carrying files, stored with it in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage enqueue(
            OutgoingMessage message, String inReplyTo, Integer timeWorked, List<OutgoingAttachment> attachments) {
        if (message.tlp() == Tlp.RED) {
            List<String> toLists = lists.among(message.recipients());
            if (!toLists.isEmpty()) {
                throw DomainException.conflict(
                        "tlp",
                        "TLP:RED never goes to a mailing list, only to named recipients: " + message.kind()
                                + " would go to " + String.join(", ", toLists));
            }
        }
        Optional<OutboxMessage> existing = byKey(message.key());
        if (existing.isPresent()) {
            return existing.get();
        }
        OutboxMessage queued = new OutboxMessage(message, messageId(message.key()), channel(message), clock.instant());
        if (inReplyTo != null) {
            queued.answering(inReplyTo);
        }
        queued.worked(timeWorked);
        em.persist(queued);
        if (!attachments.isEmpty()) {
            em.flush();
            for (int i = 0; i < attachments.size(); i++) {
                em.persist(new OutboxAttachment(queued.id(), i + 1, attachments.get(i)));
            }
        }
        return queued;
    }

    @Transactional
    public Optional<OutboxMessage> byKey(String key) {
        return em.createNamedQuery(OutboxMessage.BY_KEY, OutboxMessage.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /**
     * Claims up to {@code size} due messages of a channel, locked until the caller's transaction ends (FOR UPDATE
     * SKIP LOCKED: instances and workers never take the same message), with their recipients.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxMessage> claimDue(OutboxMessage.Channel channel, Instant now, int size) {
        // Only a waiting message has a next attempt (the entity clears it): the index's order (channel, next attempt,
        // id), no sort, no extra locks.
        List<?> ids = em.createNativeQuery(
                        "SELECT id FROM outbox_messages WHERE channel = :channel"
                                + " AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :size FOR UPDATE SKIP LOCKED")
                .setParameter("channel", channel.name())
                .setParameter(
                        "now",
                        now.truncatedTo(ChronoUnit.MICROS)
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDateTime())
                .setParameter("size", size)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // Read after the lock: the committed rows, with their recipients in the same query.
        return em.createNamedQuery(OutboxMessage.WITH_RECIPIENTS, OutboxMessage.class)
                .setParameter(
                        "ids", ids.stream().map(id -> ((Number) id).longValue()).toList())
                .getResultList();
    }

    /** Our messages among these Message-IDs (a reply's In-Reply-To and References), the newest first. */
    @Transactional
    public List<OutboxMessage> answered(List<String> messageIds) {
        return em.createQuery(
                        "select m from OutboxMessage m where m.messageId in :ids order by m.id desc",
                        OutboxMessage.class)
                .setParameter("ids", messageIds)
                .getResultList();
    }

    /** How many messages of this kind the ticket has had queued. */
    @Transactional
    public long count(long ticketId, String kind) {
        return em.createQuery(
                        "select count(m) from OutboxMessage m where m.ticketId = :ticket and m.kind = :kind",
                        Long.class)
                .setParameter("ticket", ticketId)
                .setParameter("kind", kind)
                .getSingleResult();
    }

    /** The newest messages first, optionally of one ticket or kind. */
    @Transactional
    public List<OutboxMessage> list(Long ticketId, String kind, int offset, int limit) {
        return em.createNamedQuery(OutboxMessage.OF_TICKET_AND_KIND, OutboxMessage.class)
                .setParameter("ticket", ticketId)
                .setParameter("kind", kind)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** How many messages are in each state. */
    @Transactional
    public Map<OutboxMessage.State, Long> countByState() {
        Map<OutboxMessage.State, Long> counts = new EnumMap<>(OutboxMessage.State.class);
        for (OutboxMessage.State state : OutboxMessage.State.values()) {
            counts.put(state, 0L);
        }
        em.createNamedQuery(OutboxMessage.COUNT_BY_STATE, Object[].class)
                .getResultList()
                .forEach(row -> counts.put((OutboxMessage.State) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * Where tickets are kept in RT, a letter to its ticket's own contacts (requestors and Cc, no list among them) is
     * the ticket's correspondence in RT, which RT mails and keeps; anything else (advisories to the lists, letters
     * to the operations board or to people the ticket does not name) goes out by SMTP as in the local store.
     */
    private OutboxMessage.Channel channel(OutgoingMessage message) {
        if (!store.inRt()
                || message.ticketId() == null
                || BY_SMTP_ALWAYS.contains(message.kind())
                || !lists.among(message.recipients()).isEmpty()) {
            return OutboxMessage.Channel.SMTP;
        }
        Ticket ticket = em.find(Ticket.class, message.ticketId());
        Set<String> contacts = new HashSet<>();
        ticket.requestors().forEach(email -> contacts.add(email.toLowerCase(Locale.ROOT)));
        ticket.cc().forEach(email -> contacts.add(email.toLowerCase(Locale.ROOT)));
        boolean toContactsOnly =
                message.recipients().stream().allMatch(email -> contacts.contains(email.toLowerCase(Locale.ROOT)));
        return toContactsOnly ? OutboxMessage.Channel.TICKET_STORE : OutboxMessage.Channel.SMTP;
    }

    /** Derived from the cause alone, so that a message sent twice after a crash is recognisably one. */
    private String messageId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + messageIdDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
