package org.csirtdesk.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A file of a letter in the outbox (a forwarded mail's attachments), written with the letter and never changed; read
 * only when the letter is sent, so that listing the outbox never loads files.
 */
@NamedQuery(
        name = OutboxAttachment.OF_MESSAGES,
        query = "select a from OutboxAttachment a where a.messageId in :messages order by a.messageId, a.position")
@Entity
@Table(name = "outbox_attachments")
public class OutboxAttachment {

    public static final String OF_MESSAGES = "OutboxAttachment.ofMessages";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    private long messageId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Embedded
    private StoredFile file;

    protected OutboxAttachment() {}

    public OutboxAttachment(long messageId, int position, OutgoingAttachment attachment) {
        this.messageId = messageId;
        this.position = position;
        this.file = new StoredFile(attachment.filename(), attachment.contentType(), attachment.content());
    }

    public long messageId() {
        return messageId;
    }

    public OutgoingAttachment attachment() {
        return new OutgoingAttachment(file.filename(), file.contentType(), file.content());
    }
}
