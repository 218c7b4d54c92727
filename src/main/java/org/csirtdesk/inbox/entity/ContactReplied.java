package org.csirtdesk.inbox.entity;

import java.time.Instant;
import org.csirtdesk.platform.entity.TicketId;

/**
 * The CDI event of a reply by mail from one of a ticket's contacts, raised inside the mail's transaction before
 * the correspondence is written. Another feature (the campaign's cases, SEC03-2.7) reacts to it without mail
 * knowing that feature.
 */
public record ContactReplied(TicketId ticketId, String from, String text, Instant at) {}
