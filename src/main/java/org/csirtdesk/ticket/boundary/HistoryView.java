package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import java.util.Locale;
import org.csirtdesk.ticket.entity.HistoryEntry;

/** One entry of a ticket's history. */
public record HistoryView(
        long id,
        String type,
        String actor,
        Instant at,
        String field,
        String oldValue,
        String newValue,
        String content) {

    static HistoryView of(HistoryEntry entry) {
        return new HistoryView(
                entry.id(),
                entry.type().name().toLowerCase(Locale.ROOT),
                entry.actor(),
                entry.at(),
                entry.field(),
                entry.oldValue(),
                entry.newValue(),
                entry.content());
    }
}
