package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.entity.Queue;
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

        @Schema(description = "CLEAR, GREEN, AMBER or RED; AMBER when absent")
        String tlp,

        @Schema(maxLength = 190) String owner,
        @Schema(maxItems = 50) List<String> requestors,
        @Schema(maxItems = 50) List<String> cc,

        @Schema(format = "date-time", description = "ISO-8601 with its offset, e.g. 2026-12-01T12:00:00Z")
        String due,

        @Schema(maxLength = 100) String site,
        @Schema(maxProperties = 50) Map<String, String> customFields,

        @Schema(description = "The id of the incident the ticket belongs to")
        Long incident,

        @Schema(description = "The first message, kept in the history", maxLength = 1_000_000)
        String content) {

    static final String QUEUES =
            "one of " + Arrays.stream(Queue.values()).map(Queue::slug).toList();

    TicketDraft toDraft() {
        Input input = new Input();
        Queue checkedQueue = input.label("queue", queue, Queue::parse, QUEUES);
        String checkedSubject = input.text("subject", subject, 512, true);
        Tlp checkedTlp = input.label("tlp", tlp, Tlp::parse, Tlp.LABELS, Tlp.AMBER);
        String checkedOwner = input.text("owner", owner, 190, false);
        List<String> checkedRequestors = input.emails("requestors", requestors, 50);
        List<String> checkedCc = input.emails("cc", cc, 50);
        Instant checkedDue = input.instant("due", due, false);
        String checkedSite = input.text("site", site, 100, false);
        input.count("customFields", customFields == null ? null : customFields.keySet(), 50);
        String checkedContent = input.text("content", content, 1_000_000, false);
        input.check();
        return new TicketDraft(
                checkedQueue,
                checkedSubject,
                checkedTlp,
                checkedOwner,
                checkedRequestors,
                checkedCc,
                checkedDue,
                checkedSite,
                customFields,
                incident,
                checkedContent == null ? null : content);
    }
}
