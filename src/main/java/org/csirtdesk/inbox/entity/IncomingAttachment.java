package org.csirtdesk.inbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    @Column(updatable = false, length = 255)
    private String filename;

    @Column(name = "content_type", nullable = false, updatable = false, length = 255)
    private String contentType;

    @Column(nullable = false, updatable = false)
    private long size;

    @Column(nullable = false, updatable = false, columnDefinition = "LONGBLOB")
    private byte[] content;

    protected IncomingAttachment() {}

    public IncomingAttachment(long mailId, int position, MailAttachment attachment) {
        this.mailId = mailId;
        this.position = position;
        this.filename = attachment.filename() == null || attachment.filename().length() <= 255
                ? attachment.filename()
                : attachment.filename().substring(0, 255);
        this.contentType =
                attachment.contentType().length() <= 255 ? attachment.contentType() : "application/octet-stream";
        this.size = attachment.size();
        this.content = attachment.content();
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
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }
}
