package org.csirtdesk.mail.entity;

import static java.util.Map.entry;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.csirtdesk.platform.entity.Transitions;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A message in the outbox, with its deterministic Message-ID, and how sending it went: queued, retried after a
 * passing failure with a backoff, sent, or failed for good (a permanent refusal, or the attempts used up); a sent
 * message may come back bounced.
 */
@NamedQuery(
        name = OutboxMessage.COUNT_BY_STATE,
        query = "select m.state, count(m) from OutboxMessage m group by m.state")
@NamedQuery(
        name = OutboxMessage.OF_TICKET_AND_KIND,
        query = "select m from OutboxMessage m where (:ticket is null or m.ticketId = :ticket) and (:kind is null "
                + "or m.kind = :kind) order by m.id desc")
@NamedQuery(name = OutboxMessage.BY_KEY, query = "select m from OutboxMessage m where m.key = :key")
@NamedQuery(
        name = OutboxMessage.THREADS_OF_TICKETS,
        query = "select m.ticketId, m.id, m.messageId from OutboxMessage m where m.ticketId in :tickets "
                + "and m.id < :last and m.state <> :failed order by m.id")
@NamedQuery(
        name = OutboxMessage.WITH_RECIPIENTS,
        query = "select distinct m from OutboxMessage m left join fetch m.recipients where m.id in :ids order by m.id")
@Entity
@Table(name = "outbox_messages")
public class OutboxMessage {

    public static final String WITH_RECIPIENTS = "OutboxMessage.withRecipients";

    public static final String THREADS_OF_TICKETS = "OutboxMessage.threadsOfTickets";

    public static final String BY_KEY = "OutboxMessage.byKey";

    public static final String OF_TICKET_AND_KIND = "OutboxMessage.ofTicketAndKind";

    public static final String COUNT_BY_STATE = "OutboxMessage.countByState";

    public enum State {
        QUEUED,
        RETRYING,
        SENT,
        FAILED,
        /** Sent, and a bounce came back for at least one recipient (which ones: its {@link MailBounce}s). */
        BOUNCED;

        private static final Transitions<State> NEXT = Transitions.of(
                State.class,
                Map.ofEntries(
                        entry(QUEUED, List.of(RETRYING, SENT, FAILED)),
                        entry(RETRYING, List.of(RETRYING, SENT, FAILED)),
                        entry(SENT, List.of(BOUNCED)),
                        entry(BOUNCED, List.of(BOUNCED)),
                        entry(FAILED, List.<State>of())));

        public boolean canMoveTo(State target) {
            return NEXT.allows(this, target);
        }

        /** Still to be sent: the sender claims it once its next attempt is due. */
        public boolean waiting() {
            return this == QUEUED || this == RETRYING;
        }
    }

    /**
     * How a message leaves: by SMTP, or, when tickets are kept in RT and the message goes to its ticket's own
     * contacts, as the ticket's correspondence in RT (RT mails it with its subject tag and keeps it in its history).
     */
    public enum Channel {
        SMTP,
        TICKET_STORE
    }

    /** Longer errors are cut: the column's size. */
    static final int ERROR_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "dedup_key", nullable = false, updatable = false, length = 190)
    private String key;

    @Column(name = "message_id", nullable = false, updatable = false, length = 255)
    private String messageId;

    @Column(nullable = false, updatable = false, length = 64)
    private String kind;

    @Column(name = "ticket_id", updatable = false)
    private Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 8)
    private Tlp tlp;

    @Column(nullable = false, updatable = false, length = 998)
    private String subject;

    @Column(nullable = false, updatable = false, columnDefinition = "MEDIUMTEXT")
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Channel channel;

    /** When it was handed to the ticket store; set before the call, so that a retry looks before posting again. */
    @Column(name = "handed_over_at")
    private Instant handedOverAt;

    /** The Message-ID of the mail this letter answers, when it answers one of the ticket's mails in particular. */
    @Column(name = "in_reply_to", updatable = false, length = 998)
    private String inReplyTo;

    /** The minutes worked on the letter (a reply's), for the ticket store that records them: RT's TimeTaken. */
    @Column(name = "time_worked", updatable = false)
    private Integer timeWorked;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "outbox_recipients", joinColumns = @JoinColumn(name = "message_id"))
    private Set<Recipient> recipients = new LinkedHashSet<>();

    @Version
    private long version;

    protected OutboxMessage() {}

    public OutboxMessage(OutgoingMessage message, String messageId, Channel channel, Instant at) {
        this.channel = Objects.requireNonNull(channel);
        this.key = message.key();
        this.messageId = messageId;
        this.kind = message.kind();
        this.ticketId = message.ticketId();
        this.tlp = message.tlp();
        // Stored as it reads, for both channels: a label the letter repeats is dropped here (the SMTP sender adds the
        // tag and the TLP label, each once, when it sends).
        this.subject = new Subject(message.subject()).text();
        this.body = message.body();
        this.state = State.QUEUED;
        this.createdAt = at;
        this.nextAttemptAt = at;
        message.to().forEach(email -> recipients.add(Recipient.to(email)));
        message.cc().forEach(email -> recipients.add(Recipient.cc(email)));
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String messageId() {
        return messageId;
    }

    /** The mail this letter answers in particular, if any (else it threads to the ticket's latest letter). */
    public Optional<String> inReplyTo() {
        return Optional.ofNullable(inReplyTo);
    }

    /** Names the mail this letter answers; set once, before the letter is stored. */
    public void answering(String messageId) {
        if (id != null) {
            throw new IllegalStateException("outbox message " + this.messageId + " is stored already");
        }
        this.inReplyTo = messageId;
    }

    /** The minutes said to be worked on it; null when not said. */
    public Integer timeWorked() {
        return timeWorked;
    }

    /** Notes the minutes worked on it; set once, before the letter is stored. */
    public void worked(Integer minutes) {
        if (id != null) {
            throw new IllegalStateException("outbox message " + this.messageId + " is stored already");
        }
        this.timeWorked = minutes;
    }

    public String kind() {
        return kind;
    }

    public Long ticketId() {
        return ticketId;
    }

    public Tlp tlp() {
        return tlp;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Channel channel() {
        return channel;
    }

    /** Whether an earlier attempt may have reached the ticket store: then it must look before posting again. */
    public boolean handedOverBefore() {
        return handedOverAt != null;
    }

    /**
     * Handed to the ticket store now; nobody else takes it until {@code until} (a crash leaves it to be taken
     * again then, and the next attempt looks first).
     */
    public void handedOver(Instant now, Instant until) {
        if (!state.waiting()) {
            throw new IllegalStateException("outbox message " + messageId + " is " + state + ": not to be sent");
        }
        if (handedOverAt == null) {
            handedOverAt = now;
        }
        nextAttemptAt = until;
    }

    /** The attempt certainly did not reach the ticket store (its server refused the connection). */
    public void notReached() {
        handedOverAt = null;
    }

    /** Not yet: its ticket is not in the ticket store yet. Not an attempt. */
    public void waitUntil(Instant next) {
        nextAttemptAt = next;
    }

    /** The server took the message. */
    public void sent(Instant at) {
        moveTo(State.SENT);
        attempts++;
        sentAt = at;
        nextAttemptAt = null;
    }

    /**
     * A bounce came back for it: the reason is kept as its error. Answers whether the bounce was taken; a bounce of a
     * message that was never sent (forged, or another program's) changes nothing.
     */
    public boolean bounced(String reason) {
        if (!state.canMoveTo(State.BOUNCED)) {
            return false;
        }
        state = State.BOUNCED;
        lastError = cut("bounced: " + reason);
        return true;
    }

    /**
     * A passing failure (the server unreachable, a 4xx answer): tried again after the backoff, or failed for good
     * once the attempts are used up. Answers whether it failed for good.
     */
    public boolean failedForNow(String error, Instant at, Backoff backoff) {
        attempts++;
        Optional<Instant> next = backoff.next(attempts, at);
        if (next.isEmpty()) {
            fail("gave up after " + attempts + " attempts; the last: " + error);
            return true;
        }
        moveTo(State.RETRYING);
        lastError = cut(error);
        nextAttemptAt = next.get();
        return false;
    }

    /** A refusal that trying again cannot change (a 5xx answer, an invalid address): never tried again. */
    public void failedForGood(String reason) {
        attempts++;
        fail(reason);
    }

    private void fail(String reason) {
        moveTo(State.FAILED);
        lastError = cut(reason);
        nextAttemptAt = null;
    }

    private void moveTo(State target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException(
                    "outbox message " + messageId + " is " + state + " and cannot become " + target);
        }
        state = target;
    }

    private static String cut(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }

    public List<String> to() {
        return recipients.stream()
                .filter(Recipient::isTo)
                .map(Recipient::email)
                .sorted()
                .toList();
    }

    public List<String> cc() {
        return recipients.stream()
                .filter(recipient -> !recipient.isTo())
                .map(Recipient::email)
                .sorted()
                .toList();
    }

    /** To, then Cc. */
    public List<String> recipients() {
        return Stream.concat(to().stream(), cc().stream()).toList();
    }
}
