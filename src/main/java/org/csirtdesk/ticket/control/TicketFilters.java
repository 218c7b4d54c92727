package org.csirtdesk.ticket.control;

import java.util.Map;
import java.util.Optional;

/**
 * A feature's part in the ticket search: what it knows about tickets from its own data, as JPQL on the ticket
 * {@code t}. The ticket feature owns the search and names no entity of a feature above it; a feature that adds a
 * filter implements this as a CDI bean, and {@link TicketSearch} finds every one.
 */
public interface TicketFilters {

    /**
     * The filters this feature answers, by name (the name a {@link TicketQuery} and the API's query string give
     * them): each a JPQL condition on the ticket {@code t}, with the filter's value as the named parameter of the same
     * name.
     */
    Map<String, String> conditions();

    /** The tickets this feature keeps its own "waiting for CSIRT" state of, if any. */
    default Optional<WaitingForCsirt> waitingForCsirt() {
        return Optional.empty();
    }

    /**
     * Instead of the ticket's last correspondence, the feature's own state answers whether a ticket waits for CSIRT:
     * for the tickets {@code decides} holds for, {@code waits} says. Both are JPQL conditions on the ticket {@code t}.
     */
    record WaitingForCsirt(String decides, String waits) {}
}
