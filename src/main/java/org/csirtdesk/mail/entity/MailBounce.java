package org.csirtdesk.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One recipient of one of our letters that a bounce reported as failed, with the reason; no recipient when the bounce
 * did not say which of the letter's recipients failed. Append-only.
 */
@NamedQuery(
        name = MailBounce.OF_MESSAGES,
        query = "select b from MailBounce b where b.outboxMessageId in :messages order by b.id")
@NamedQuery(
        name = MailBounce.LATEST_OF_RECIPIENTS,
        query = "select b from MailBounce b where b.recipient in :recipients order by b.id desc")
@Entity
@Table(name = "mail_bounces")
public class MailBounce {

    public static final String OF_MESSAGES = "MailBounce.ofMessages";
    public static final String LATEST_OF_RECIPIENTS = "MailBounce.latestOfRecipients";

    /** The longest reason kept: the column's size. */
    static final int REASON_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "outbox_message_id", nullable = false, updatable = false)
    private long outboxMessageId;

    @Column(updatable = false, length = 254)
    private String recipient;

    @Column(nullable = false, updatable = false, length = REASON_LENGTH)
    private String reason;

    @Column(name = "incoming_mail_id", nullable = false, updatable = false)
    private long incomingMailId;

    @Column(nullable = false, updatable = false)
    private Instant at;

    protected MailBounce() {}

    /** @param recipient null when the bounce does not say which recipient failed */
    public MailBounce(long outboxMessageId, String recipient, String reason, long incomingMailId, Instant at) {
        this.outboxMessageId = outboxMessageId;
        this.recipient = recipient;
        this.reason = reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
        this.incomingMailId = incomingMailId;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
    }

    public long outboxMessageId() {
        return outboxMessageId;
    }

    /** Null when the bounce did not say which recipient failed. */
    public String recipient() {
        return recipient;
    }

    public String reason() {
        return reason;
    }

    public long incomingMailId() {
        return incomingMailId;
    }

    public Instant at() {
        return at;
    }
}
