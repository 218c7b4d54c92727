package org.csirtdesk.ticket.control;

import java.util.Optional;

/**
 * A feature that keeps tickets by their number in its own data (a campaign's cases, an incident's procedure, the
 * findings' reports) and whose work would go on writing to a ticket merged away. The ticket feature names no feature
 * above it: each such feature implements this as a CDI bean, and {@link Tickets#merge} asks every one.
 */
public interface MergeRefusals {

    /**
     * Why the ticket may not be merged into another, as the end of a sentence that starts with "ticket #N" (e.g. "is
     * the case of SITE-A in campaign 3"); empty when this feature keeps no such ticket.
     */
    Optional<String> refusal(long ticketId);
}
