package org.csirtdesk.rt.entity;

/**
 * A correspondence (mailed by RT's scrips to the requestors) or a comment (internal). {@code subject} and
 * {@code status} may be null: RT then keeps the ticket's subject and, for a status, leaves it (except that the first
 * correspondence on a {@code new} ticket opens it).
 */
public record RtMessage(String subject, String content, String contentType, String status, Integer timeTaken) {

    public RtMessage {
        if (content == null) {
            throw new IllegalArgumentException("an RT message needs a content");
        }
        contentType = contentType == null ? "text/plain" : contentType;
    }

    /** A plain-text message that changes nothing else. */
    public static RtMessage text(String content) {
        return new RtMessage(null, content, "text/plain", null, null);
    }

    /** A plain-text message with the minutes worked on it (RT's TimeTaken; null: not said). */
    public static RtMessage text(String content, Integer timeTaken) {
        return new RtMessage(null, content, "text/plain", null, timeTaken);
    }
}
