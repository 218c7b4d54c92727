package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/tickets}. Checked in {@link #toDraft()} rather than by Bean Validation
 * annotations: Payara's OpenAPI scanner fails on constraint annotations of record components.
 */
@Schema(description = "A new ticket. An investigation or countermeasure needs the incident it belongs to.")
public record NewTicket(
        @Schema(description = "incident-reports, incidents, investigations or countermeasures", required = true)
        String queue,
        @Schema(required = true, maxLength = 512) String subject,
        @Schema(description = "CLEAR, GREEN, AMBER or RED; AMBER when absent") String tlp,
        @Schema(maxLength = 190) String owner,
        @Schema(maxItems = 50) List<String> requestors,
        @Schema(maxItems = 50) List<String> cc,
        Instant due,
        @Schema(maxLength = 100) String site,
        @Schema(maxProperties = 50) Map<String, String> customFields,
        @Schema(description = "The id of the incident the ticket belongs to") Long incident,
        @Schema(description = "The first message, kept in the history", maxLength = 1_000_000) String content) {

    TicketDraft toDraft() {
        Parse.Checks checks = new Parse.Checks();
        checks.required("queue", queue);
        checks.text("subject", subject, 512, true);
        checks.text("owner", owner, 190, false);
        checks.text("site", site, 100, false);
        checks.text("content", content, 1_000_000, false);
        checks.count("requestors", requestors, 50);
        checks.count("cc", cc, 50);
        checks.count("customFields", customFields == null ? null : customFields.keySet(), 50);
        checks.done();
        return new TicketDraft(Parse.queue("queue", queue), subject.trim(), tlp == null ? Tlp.AMBER : Parse.tlp("tlp", tlp),
                Parse.blankToNull(owner), Parse.emails("requestors", requestors), Parse.emails("cc", cc), due,
                Parse.blankToNull(site), customFields, incident, content);
    }
}
