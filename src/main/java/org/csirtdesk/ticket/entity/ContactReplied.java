package org.csirtdesk.ticket.entity;

import java.time.Instant;
import org.csirtdesk.platform.entity.TicketId;

/**
 * The CDI event of a reply from one of a ticket's contacts (by mail through the gateway, or mirrored from RT), raised
 * inside the reply's transaction before the correspondence is written. Other features (the campaign's cases,
 * SEC03-2.7; SEC01's deadlines) react to it without the features that take replies in knowing them. Kept with the
 * ticket, which every one of them knows, so that the mail and RT features need not know each other.
 */
public record ContactReplied(TicketId ticketId, String from, String text, Instant at) {

    /** How the history names a contact's message: {@code mail:<sender>}, whichever way it came in. */
    public static final String BY_MAIL = "mail:";
}
