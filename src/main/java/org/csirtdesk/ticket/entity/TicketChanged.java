package org.csirtdesk.ticket.entity;

/**
 * The CDI event of one entry appended to a ticket's history, raised in the transaction that appends it. Features
 * above the ticket store follow tickets through it without the store knowing them: the RT ticket store replicates
 * the change into RT, a campaign learns that a case's Investigation was resolved.
 */
public record TicketChanged(
        long ticketId,
        Queue queue,
        long historyId,
        HistoryType type,
        String actor,
        String field,
        String oldValue,
        String newValue) {

    public static TicketChanged of(HistoryEntry entry) {
        return new TicketChanged(
                entry.ticketId(),
                entry.queue(),
                entry.id(),
                entry.type(),
                entry.actor(),
                entry.field(),
                entry.oldValue(),
                entry.newValue());
    }

    /** A change of status to {@code status}. */
    public boolean isStatusChangeTo(Status status) {
        return type == HistoryType.STATUS && status.label().equals(newValue);
    }
}
