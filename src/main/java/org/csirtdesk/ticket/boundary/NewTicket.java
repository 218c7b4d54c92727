package org.csirtdesk.ticket.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/tickets}. */
@Schema(description = "A new ticket. An investigation or countermeasure needs the incident it belongs to.")
public record NewTicket(
        @Schema(description = "incident-reports, incidents, investigations or countermeasures", required = true)
        @NotBlank String queue,
        @Schema(required = true) @NotBlank @Size(max = 512) String subject,
        @Schema(description = "CLEAR, GREEN, AMBER or RED; AMBER when absent") String tlp,
        @Size(max = 190) String owner,
        @Size(max = 50) List<String> requestors,
        @Size(max = 50) List<String> cc,
        Instant due,
        @Size(max = 100) String site,
        @Size(max = 50) Map<@NotBlank String, String> customFields,
        @Schema(description = "The id of the incident the ticket belongs to") Long incident,
        @Schema(description = "The first message, kept in the history") @Size(max = 1_000_000) String content) {

    TicketDraft toDraft() {
        return new TicketDraft(Parse.queue("queue", queue), subject.trim(), tlp == null ? Tlp.AMBER : Parse.tlp("tlp", tlp),
                Parse.blankToNull(owner), Parse.emails("requestors", requestors), Parse.emails("cc", cc), due, Parse.blankToNull(site),
                customFields, incident, content);
    }
}
