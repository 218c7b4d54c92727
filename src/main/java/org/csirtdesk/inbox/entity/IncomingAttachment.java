package org.csirtdesk.inbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.csirtdesk.mail.entity.StoredFile;

/** An attachment of an incoming mail, decoded, with the type and size the mail gave it. */
@Entity
@Table(name = "incoming_attachments")
public class IncomingAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "mail_id", nullable = false, updatable = false)
    private long mailId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Embedded
    private StoredFile file;

    @Column(nullable = false, updatable = false)
    private long size;

    protected IncomingAttachment() {}

    public IncomingAttachment(long mailId, int position, MailAttachment attachment) {
        this.mailId = mailId;
        this.position = position;
        this.file = new StoredFile(attachment.filename(), attachment.contentType(), attachment.content());
        this.size = attachment.size();
    }

    public Long id() {
        return id;
    }

    public long mailId() {
        return mailId;
    }

    public int position() {
        return position;
    }

    public String filename() {
        return file.filename();
    }

    public String contentType() {
        return file.contentType();
    }

    public long size() {
        return size;
    }
}
