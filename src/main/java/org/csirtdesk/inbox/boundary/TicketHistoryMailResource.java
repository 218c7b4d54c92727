package org.csirtdesk.inbox.boundary;

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
import org.csirtdesk.inbox.control.Forwards;
import org.csirtdesk.mail.control.Replies;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Answering one message of a ticket's history: a reply threaded to its mail, or a forward to a third party. */
@RequestScoped
@Path("tickets/{id}/history/{entry}")
@Tag(name = "Mail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketHistoryMailResource {

    /** A reply to one message: its text and optionally the subject. */
    public record EntryReply(
            @Schema(maxLength = 998) String subject,
            @Schema(required = true, maxLength = 1_000_000) String content,

            @Schema(minimum = "0", maximum = "1440", description = "minutes worked on the reply")
            Integer timeWorked) {}

    /** A forward: to whom (1 to 50 addresses, Cc up to 50), a note put above the message, the TLP:RED confirmation. */
    public record Forward(
            @Schema(required = true, maxItems = 50) List<String> to,
            @Schema(maxItems = 50) List<String> cc,
            @Schema(maxLength = 100_000) String note,

            @Schema(description = "true forwards an entry of a TLP:RED ticket; refused without it")
            Boolean confirmRed) {}

    /** What was queued: the ticket's new version (its ETag too), the letter's id, Message-ID and recipients. */
    public record Sent(
            long ticket,
            long version,
            long message,
            String messageId,
            List<String> to,
            List<String> cc,
            String inReplyTo,
            int attachments) {}

    @Inject
    Forwards forwards;

    @Context
    SecurityContext security;

    @POST
    @Path("reply")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Reply to the ticket's contacts, answering this message",
            description = "As POST /api/tickets/{id}/replies, with In-Reply-To naming the Message-ID of the mail that "
                    + "made the entry (when it came by mail with one). 409 for an entry that is not a message.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "reply", value = "{\"content\": \"Thank you.\"}")))
    @APIResponse(responseCode = "201", description = "Queued")
    public Response reply(
            @PathParam("id") long id,
            @PathParam("entry") long entry,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull EntryReply reply) {
        Input input = new Input();
        String content = input.text("content", reply.content(), 1_000_000, true);
        String subject = input.text("subject", reply.subject(), 998, false);
        if (subject != null && (subject.contains("\n") || subject.contains("\r"))) {
            input.fail("subject", "must be one line of at most 998 characters");
        }
        input.check();
        Replies.Sent sent = forwards.reply(
                id,
                entry,
                Input.ifMatch(ifMatch).orElse(null),
                subject,
                content,
                reply.timeWorked(),
                Actors.of(security));
        return created(id, sent.ticket().version(), sent.message(), 0);
    }

    @POST
    @Path("forward")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Forward this message, with the files it came with, to a third party",
            description =
                    "The entry's text (the note above it) and its mail's attachments as received, by SMTP through "
                            + "the outbox in either ticket store; recorded on the ticket as a comment naming the recipients. "
                            + "409 to a mailing list (never, whatever the TLP), for a TLP:RED ticket without confirmRed: true, "
                            + "or for an entry that is not a message.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "forward", value = """
            {"to": ["cert@peer.example"], "note": "FYI: the logs the site sent us.", "confirmRed": false}""")))
    @APIResponse(responseCode = "201", description = "Queued")
    @APIResponse(responseCode = "409", description = "To a list, TLP:RED unconfirmed, or not a message")
    public Response forward(
            @PathParam("id") long id,
            @PathParam("entry") long entry,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull Forward forward) {
        Input input = new Input();
        List<String> to = input.emails("to", forward.to(), 50);
        List<String> cc = input.emails("cc", forward.cc(), 50);
        if (forward.to() == null || forward.to().isEmpty()) {
            input.fail("to", "name at least one address to forward to");
        }
        String note = input.text("note", forward.note(), 100_000, false);
        input.check();
        Forwards.Forwarded sent = forwards.forward(
                id,
                entry,
                to,
                cc,
                note,
                Boolean.TRUE.equals(forward.confirmRed()),
                Input.ifMatch(ifMatch).orElse(null),
                Actors.of(security));
        return created(id, sent.ticket().version(), sent.message(), sent.attachments());
    }

    private static Response created(long id, long version, OutboxMessage message, int attachments) {
        return Response.status(Response.Status.CREATED)
                .entity(new Sent(
                        id,
                        version,
                        message.id(),
                        message.messageId(),
                        message.to(),
                        message.cc(),
                        message.inReplyTo().orElse(null),
                        attachments))
                .tag(new EntityTag(String.valueOf(version)))
                .build();
    }
}
