package org.csirtdesk.ticket.control;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * The fields a caller wants changed (JSON merge patch semantics): a null {@link Change} leaves the field
 * alone, a Change holding null clears it. A custom field mapped to null is cleared.
 */
public record TicketChanges(
        Change<String> subject,
        Change<String> owner,
        Change<Instant> due,
        Change<Tlp> tlp,
        Change<String> site,
        Change<List<String>> requestors,
        Change<List<String>> cc,
        Map<String, String> customFields) {

    /** A new value for one field; the value may be null, meaning "clear it". */
    public record Change<T>(T value) {}

    public TicketChanges {
        customFields = customFields == null ? Map.of() : Collections.unmodifiableMap(customFields);
    }

    /** A change of the subject alone. */
    public static TicketChanges subject(String subject) {
        return new TicketChanges(new Change<>(subject), null, null, null, null, null, null, null);
    }

    /** A change of the owner alone; null gives the ticket back. */
    public static TicketChanges owner(String owner) {
        return new TicketChanges(null, new Change<>(owner), null, null, null, null, null, null);
    }

    /** A change of the due time alone; null clears it. */
    public static TicketChanges due(Instant due) {
        return new TicketChanges(null, null, new Change<>(due), null, null, null, null, null);
    }
}
