package org.csirtdesk.inbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A mail that came in, kept whole (its raw bytes) with what was read from it and what became of it. It is
 * written once and never changed: what it caused is in the ticket's history.
 */
@Entity
@Table(name = "incoming_mails")
public class IncomingMail {

    /** What became of a mail. */
    public enum Disposition {
        /** From one of the ticket's contacts: correspondence on the ticket, a site's response. */
        CORRESPONDENCE,
        /** Sent to the comment address by one of the ticket's contacts: a comment, no state change. */
        COMMENT,
        /** From someone who is not a contact of the ticket: a comment for CSIRT to review, no state change. */
        REVIEW,
        /** Written by a machine (auto-reply, bounce, our own mail): recorded, never answered, never a response. */
        AUTOMATIC,
        /** For no ticket: a new Incident Report (SEC01: a report to abuse@). */
        NEW_REPORT
    }

    /** How the mail found its ticket. */
    public enum ThreadedBy {
        /** The gateway's {@code ticket} field (an address extension, rt-mailgate's --extension ticket). */
        GATEWAY,
        SUBJECT_TAG,
        /** In-Reply-To or References naming one of our own mails. */
        REFERENCES,
        NONE
    }

    /** By which way the mail came. */
    public enum Channel {
        GATEWAY,
        IMAP
    }

    /**
     * The most of a text a MEDIUMTEXT column holds whatever its characters (16 MiB, at most 4 bytes each in
     * utf8mb4): a mail of 12 MiB of 8-bit text is longer in UTF-8. The raw mail keeps the rest.
     */
    public static final int MAX_TEXT_CHARS = 4_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "identity_sha256", nullable = false, updatable = false, columnDefinition = "CHAR(64)")
    private String identitySha256;

    /** The digest of what the mail says (its body and its writer's headers): the same mail has the same. */
    @Column(name = "content_sha256", updatable = false, columnDefinition = "CHAR(64)")
    private String contentSha256;

    @Column(name = "message_id", updatable = false, length = 998)
    private String messageId;

    /** The earlier, different mail that came with the same Message-ID, if there is one. */
    @Column(name = "message_id_reused_from", updatable = false)
    private Long messageIdReusedFrom;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private MailAction action;

    @Column(name = "from_address", updatable = false, length = 254)
    private String fromAddress;

    @Column(nullable = false, updatable = false, length = 998)
    private String subject;

    @Column(name = "ticket_id", updatable = false)
    private Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(name = "threaded_by", nullable = false, updatable = false, length = 16)
    private ThreadedBy threadedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Disposition disposition;

    @Column(name = "automatic_reason", updatable = false, length = 255)
    private String automaticReason;

    @Column(updatable = false, length = 1024)
    private String unreadable;

    @Column(name = "needs_review", nullable = false)
    private boolean needsReview;

    @Column(name = "body_text", nullable = false, updatable = false, columnDefinition = "MEDIUMTEXT")
    private String bodyText;

    @Column(name = "display_text", nullable = false, updatable = false, columnDefinition = "MEDIUMTEXT")
    private String displayText;

    /** The history entry the mail made on its ticket; null when it made none (our own mail returning, a bounce). */
    @Column(name = "history_entry_id", updatable = false)
    private Long historyEntryId;

    @Column(name = "raw_size", nullable = false, updatable = false)
    private long rawSize;

    @Column(nullable = false, updatable = false, columnDefinition = "LONGBLOB")
    private byte[] raw;

    protected IncomingMail() {}

    public IncomingMail(
            String identitySha256,
            String contentSha256,
            Long messageIdReusedFrom,
            ParsedMail mail,
            byte[] raw,
            Channel channel,
            MailAction action,
            Long ticketId,
            Long historyEntryId,
            ThreadedBy threadedBy,
            Disposition disposition,
            Instant at) {
        this.identitySha256 = identitySha256;
        this.contentSha256 = contentSha256;
        this.messageId = mail.messageId() == null ? null : cut(mail.messageId(), 998);
        this.messageIdReusedFrom = messageIdReusedFrom;
        this.receivedAt = at.truncatedTo(ChronoUnit.MICROS);
        this.channel = channel;
        this.action = action;
        this.fromAddress = mail.from() == null ? null : cut(mail.from(), 254);
        this.subject = cut(mail.subject(), 998);
        this.ticketId = ticketId;
        this.historyEntryId = historyEntryId;
        this.threadedBy = threadedBy;
        this.disposition = disposition;
        this.automaticReason = mail.automatic() == null ? null : cut(mail.automatic(), 255);
        this.unreadable = mail.unreadable() == null ? null : cut(mail.unreadable(), 1024);
        this.needsReview = disposition == Disposition.REVIEW || mail.isUnreadable();
        this.bodyText = cut(mail.text(), MAX_TEXT_CHARS);
        this.displayText = cut(mail.displayText(), MAX_TEXT_CHARS);
        this.rawSize = raw.length;
        this.raw = raw;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    public Long id() {
        return id;
    }

    public String messageId() {
        return messageId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Channel channel() {
        return channel;
    }

    public MailAction action() {
        return action;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String subject() {
        return subject;
    }

    public Long ticketId() {
        return ticketId;
    }

    public ThreadedBy threadedBy() {
        return threadedBy;
    }

    public Disposition disposition() {
        return disposition;
    }

    public Long messageIdReusedFrom() {
        return messageIdReusedFrom;
    }

    public String unreadable() {
        return unreadable;
    }

    public String automaticReason() {
        return automaticReason;
    }

    public boolean needsReview() {
        return needsReview;
    }

    public String bodyText() {
        return bodyText;
    }

    public String displayText() {
        return displayText;
    }

    public long rawSize() {
        return rawSize;
    }
}
