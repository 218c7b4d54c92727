package org.csirtdesk.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A file as the database keeps it, alike for a mail that came in ({@code incoming_attachments}) and for a letter that
 * goes out ({@code outbox_attachments}): its name (may be none), its declared type and its bytes. Cut to its columns
 * when made, so that a file from anywhere (a mail, RT) fits.
 */
@Embeddable
public class StoredFile {

    /** The longest name and type the columns hold. */
    static final int MAX_LENGTH = 255;

    @Column(updatable = false, length = MAX_LENGTH)
    private String filename;

    @Column(name = "content_type", nullable = false, updatable = false, length = MAX_LENGTH)
    private String contentType;

    @Column(nullable = false, updatable = false, columnDefinition = "LONGBLOB")
    private byte[] content;

    protected StoredFile() {}

    /** A longer name keeps its first 255 characters; a longer type, which no real one is, is taken as unknown. */
    public StoredFile(String filename, String contentType, byte[] content) {
        this.filename =
                filename == null || filename.length() <= MAX_LENGTH ? filename : filename.substring(0, MAX_LENGTH);
        this.contentType = contentType.length() <= MAX_LENGTH ? contentType : "application/octet-stream";
        this.content = content;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] content() {
        return content;
    }
}
