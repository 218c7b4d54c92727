package org.csirtdesk.ticket.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.CustomFields;
import org.csirtdesk.ticket.control.QueueCounts;
import org.csirtdesk.ticket.entity.CustomField;
import org.csirtdesk.ticket.entity.CustomFieldType;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The four queues: their lifecycles, link rules, custom fields and ticket counts. */
@RequestScoped
@Path("queues")
@Tag(name = "Queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueuesResource {

    /** A queue as the API shows it; {@code activeStatuses} are those a ticket is worked in (the rest close it). */
    public record QueueView(
            String id,
            String name,
            String initialStatus,
            List<String> activeStatuses,
            Map<String, List<String>> transitions,
            String incidentLinks,
            List<CustomFieldView> customFields,
            Map<String, Long> counts) {}

    /** A custom field definition. */
    public record CustomFieldView(long id, String name, String type, String description, List<String> options) {
        static CustomFieldView of(CustomField field) {
            return new CustomFieldView(
                    field.id(),
                    field.name(),
                    field.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    field.description(),
                    field.options());
        }
    }

    /** The body that defines a custom field. */
    public record NewCustomField(
            @Schema(required = true, maxLength = 64) String name,

            @Schema(required = true, description = "text, date-time or select")
            String type,

            @Schema(maxLength = 255) String description,
            @Schema(maxItems = 100) List<String> options) {

        CustomFieldType checkedType() {
            Input input = new Input();
            input.text("name", name, 64, true);
            CustomFieldType checked = input.choice("type", type, CustomFieldType.class);
            input.text("description", description, 255, false);
            input.count("options", options, 100);
            input.check();
            return checked;
        }
    }

    @Inject
    CustomFields customFields;

    @Inject
    QueueCounts counts;

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(summary = "The queues, with lifecycles, custom fields and ticket counts per status")
    @APIResponse(responseCode = "200", description = "The four RT-IR queues")
    public List<QueueView> all() {
        Map<Queue, Map<Status, Long>> byStatus = counts.byQueueAndStatus();
        return Arrays.stream(Queue.values())
                .map(queue -> view(queue, byStatus.getOrDefault(queue, Map.of())))
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{queue}")
    @Operation(summary = "One queue")
    @APIResponse(responseCode = "200", description = "The queue")
    @APIResponse(responseCode = "404", description = "No such queue")
    public QueueView one(@PathParam("queue") String queue) {
        Queue found = known(queue);
        return view(found, counts.byQueueAndStatus().getOrDefault(found, Map.of()));
    }

    @POST
    @RolesAllowed("admin")
    @Path("{queue}/custom-fields")
    @Operation(summary = "Define a custom field for the tickets of a queue")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "select", value = """
            {"name": "Severity", "type": "select", "description": "CVSS band", "options": ["critical", "high"]}""")))
    @APIResponse(responseCode = "201", description = "Defined")
    @APIResponse(responseCode = "409", description = "The queue already has a field of that name")
    public Response defineField(@PathParam("queue") String queue, @NotNull NewCustomField field) {
        CustomFieldType type = field.checkedType();
        CustomField defined =
                customFields.define(known(queue), field.name().trim(), type, field.description(), field.options());
        return Response.status(Response.Status.CREATED)
                .entity(CustomFieldView.of(defined))
                .build();
    }

    private static Queue known(String queue) {
        return Queue.parse(queue).orElseThrow(() -> DomainException.notFound("queue '" + queue + "'"));
    }

    private QueueView view(Queue queue, Map<Status, Long> byStatus) {
        Lifecycle lifecycle = queue.lifecycle();
        Map<String, List<String>> transitions = new LinkedHashMap<>();
        Map<String, Long> statusCounts = new LinkedHashMap<>();
        for (Status status : lifecycle.statuses()) {
            transitions.put(
                    status.label(),
                    lifecycle.allowedFrom(status).stream().map(Status::label).toList());
            statusCounts.put(status.label(), byStatus.getOrDefault(status, 0L));
        }
        return new QueueView(
                queue.slug(),
                queue.displayName(),
                lifecycle.initial().label(),
                lifecycle.statuses().stream()
                        .filter(Lifecycle::isActive)
                        .map(Status::label)
                        .toList(),
                transitions,
                queue.incidentLinks().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                customFields.of(queue).stream().map(CustomFieldView::of).toList(),
                statusCounts);
    }
}
