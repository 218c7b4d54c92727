package org.csirtdesk.ticket.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Tlp;

/** A new ticket as the caller describes it, already parsed; {@code incident} is the parent, if any. */
public record TicketDraft(
        Queue queue,
        String subject,
        Tlp tlp,
        String owner,
        List<String> requestors,
        List<String> cc,
        Instant due,
        String site,
        Map<String, String> customFields,
        Long incident,
        String content) {

    public TicketDraft {
        requestors = requestors == null ? List.of() : List.copyOf(requestors);
        cc = cc == null ? List.of() : List.copyOf(cc);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
