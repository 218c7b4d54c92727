package org.csirtdesk.mail.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.csirtdesk.mail.control.Replies;
import org.csirtdesk.mail.entity.MailHeaders;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.TicketTags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A reply mailed to a ticket's contacts: correspondence in its history and a message in the outbox, together.
 * (The ticket feature's {@code /correspondence} records correspondence only; it sends nothing.)
 */
@RequestScoped
@Path("tickets/{id}/replies")
@Tag(name = "Mail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketRepliesResource {

    /**
     * The reply: its text and, optionally, the subject (the ticket's tag is put in front when missing) and the minutes
     * worked on it (RT's TimeTaken, 0 to 1440).
     */
    public record Reply(
            @Schema(maxLength = 998) String subject,
            @Schema(required = true, maxLength = 1_000_000) String content,
            @Schema(minimum = "0", maximum = "1440") Integer timeWorked) {

        /** The subject as sent (null when absent); refuses the reply with every error at once. */
        String checkedSubject() {
            Input input = new Input();
            input.text("content", content, 1_000_000, true);
            String checked = input.text("subject", subject, 998, false);
            if (checked != null && (checked.contains("\n") || checked.contains("\r"))) {
                input.fail("subject", "must be one line of at most 998 characters");
            }
            input.check();
            return checked;
        }
    }

    /** What the reply did: the ticket's new version (its ETag too) and the message queued. */
    public record ReplyView(long ticket, long version, OutboxResource.MessageView message) {}

    @Inject
    TicketTags tags;

    @Inject
    Replies replies;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Reply to the ticket's requestors (To) and Cc by mail",
            description = "Correspondence in the history and a message in the outbox (kind ticket-reply), in one "
                    + "transaction. A new ticket becomes open. 409 when the ticket has no requestor, or TLP:RED would go "
                    + "to a mailing list. If-Match is optional and checked when given.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "reply",
                                            value =
                                                    "{\"content\": \"Thank you, please confirm when the kernel is updated.\"}")))
    @APIResponse(responseCode = "201", description = "Queued; the message, with its state in the outbox")
    @APIResponse(responseCode = "409", description = "Nobody to write to, or TLP:RED to a list")
    public Response reply(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull Reply reply) {
        String actor = Actors.of(security);
        String subject = reply.checkedSubject();
        Replies.Sent sent = replies.reply(
                id, Input.ifMatch(ifMatch).orElse(null), subject, reply.content(), reply.timeWorked(), null, actor);
        return Response.status(Response.Status.CREATED)
                .entity(new ReplyView(
                        id,
                        sent.ticket().version(),
                        OutboxResource.MessageView.of(
                                sent.message(), MailHeaders.subjectAsSent(sent.message(), tags.prefix()), List.of())))
                .tag(new EntityTag(String.valueOf(sent.ticket().version())))
                .build();
    }
}
