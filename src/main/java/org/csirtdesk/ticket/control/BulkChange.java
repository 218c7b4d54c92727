package org.csirtdesk.ticket.control;

import java.util.List;
import org.csirtdesk.ticket.control.TicketChanges.Change;
import org.csirtdesk.ticket.entity.Status;

/**
 * One change made to many tickets at once from the queue list, already parsed: the tickets (distinct, in the order
 * given), and any of a new owner ({@code null}: unchanged; a change to null: nobody), a status with its reason, a
 * comment.
 */
public record BulkChange(List<Long> ids, Change<String> owner, Status status, String reason, String comment) {

    public BulkChange {
        ids = List.copyOf(ids);
    }
}
