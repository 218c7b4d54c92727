package org.csirtdesk.rt.entity;

import java.util.Set;

/**
 * An RT queue as the start check needs it: whether it is there and enabled, its lifecycle, and the names of the
 * ticket custom fields that apply to its tickets.
 */
public record RtQueue(long id, String name, String lifecycle, boolean disabled, Set<String> ticketCustomFields) {

    public RtQueue {
        ticketCustomFields = Set.copyOf(ticketCustomFields);
    }
}
