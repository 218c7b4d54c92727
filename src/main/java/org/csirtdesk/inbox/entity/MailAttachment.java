package org.csirtdesk.inbox.entity;

/** A part of an incoming mail that is not its text: decoded, with the file name and type the mail gave it. */
public record MailAttachment(String filename, String contentType, byte[] content) {

    public long size() {
        return content.length;
    }
}
