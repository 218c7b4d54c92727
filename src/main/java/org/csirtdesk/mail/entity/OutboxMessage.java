package org.csirtdesk.mail.entity;

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
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.csirtdesk.ticket.entity.Tlp;

/** A message in the outbox, with its deterministic Message-ID. */
@Entity
@Table(name = "outbox_messages")
public class OutboxMessage {

    public enum State {
        QUEUED
    }

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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "outbox_recipients", joinColumns = @JoinColumn(name = "message_id"))
    private Set<Recipient> recipients = new LinkedHashSet<>();

    @Version
    private long version;

    protected OutboxMessage() {
    }

    public OutboxMessage(OutgoingMessage message, String messageId, Instant at) {
        this.key = message.key();
        this.messageId = messageId;
        this.kind = message.kind();
        this.ticketId = message.ticketId();
        this.tlp = message.tlp();
        this.subject = message.subject();
        this.body = message.body();
        this.state = State.QUEUED;
        this.createdAt = at;
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

    public List<String> to() {
        return recipients.stream().filter(Recipient::isTo).map(Recipient::email).sorted().toList();
    }

    public List<String> cc() {
        return recipients.stream().filter(recipient -> !recipient.isTo()).map(Recipient::email).sorted().toList();
    }
}
