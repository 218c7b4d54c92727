package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import java.util.Locale;
import org.csirtdesk.ticket.entity.HistoryEntry;

/** One entry of a ticket's history; {@code ticket} is the ticket it was written on (a merged one's, in a survivor's). */
public record HistoryView(
        long id,
        long ticket,
        String type,
        String actor,
        Instant at,
        String field,
        String oldValue,
        String newValue,
        String content,
        Integer timeWorked) {

    static HistoryView of(HistoryEntry entry) {
        return new HistoryView(
                entry.id(),
                entry.ticketId(),
                entry.type().name().toLowerCase(Locale.ROOT),
                entry.actor(),
                entry.at(),
                entry.field(),
                entry.oldValue(),
                entry.newValue(),
                entry.content(),
                entry.timeWorked());
    }
}
