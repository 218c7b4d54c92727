package org.csirtdesk.inbox.entity;

import java.util.Locale;

/**
 * What the application did with a mail: the stored mail, its ticket if any, whether it had it already, and whether
 * part of it could not be read (kept raw, for review).
 */
public record Receipt(
        long mailId, Long ticketId, IncomingMail.Disposition disposition, boolean duplicate, boolean unreadable) {

    /** The gateway's answer after "ok - ". */
    public String summary() {
        String ticket = ticketId == null ? "no ticket" : "ticket #" + ticketId;
        return duplicate
                ? "already received as mail #" + mailId + " (" + ticket + ")"
                : "mail #" + mailId + ": "
                        + disposition.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + ticket
                        + (unreadable ? " (not read in full: kept raw for review)" : "");
    }
}
