package org.csirtdesk.inbox.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.csirtdesk.inbox.control.TicketMails;
import org.csirtdesk.ticket.control.Tickets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The mails a ticket received, to read on the desk, and their attachments. Staff only, as the tickets are. */
@RequestScoped
@Path("tickets/{id}/mails")
@Tag(name = "Mail")
public class TicketMailsResource {

    @Inject
    TicketMails mails;

    @Inject
    Tickets tickets;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The mails the ticket received, oldest first",
            description =
                    "text is what the history shows, quoted the quoted history cut from it; disposition says what "
                            + "became of the mail (correspondence, comment, review, automatic, new-report); needsReview marks a mail "
                            + "from someone who is not a contact or not read in full; unreadable says what could not be read "
                            + "(the raw mail is at .../raw); messageIdReusedFrom names an earlier, different mail with the same "
                            + "Message-ID; attachments by position, name, type and size.")
    @APIResponse(responseCode = "404", description = "No such ticket")
    public List<TicketMails.MailSummary> list(@PathParam("id") long id) {
        tickets.find(id);
        return mails.of(id);
    }

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{mail}/attachments/{position}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(
            summary = "Download one attachment",
            description =
                    "Always as application/octet-stream and as a download: a sender's HTML or SVG never runs in the "
                            + "desk's origin. The type the mail declared is in X-Declared-Content-Type.")
    @APIResponse(responseCode = "404", description = "No such attachment on this ticket's mails")
    public Response attachment(
            @PathParam("id") long id, @PathParam("mail") long mail, @PathParam("position") int position) {
        TicketMails.AttachmentContent attachment = mails.attachment(id, mail, position);
        String name = attachment.filename() == null || attachment.filename().isBlank()
                ? "attachment-" + mail + "-" + position
                : attachment.filename();
        return Response.ok(attachment.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(
                        "Content-Disposition",
                        "attachment; filename*=UTF-8''"
                                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Declared-Content-Type", attachment.contentType().replaceAll("[\\r\\n]", " "))
                .build();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{mail}/raw")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(
            summary = "Download the mail as it came (RFC 822)",
            description = "The raw mail, whole: what a mail that could not be read in full says. Always as "
                    + "application/octet-stream and as a download, mail-<id>.eml.")
    @APIResponse(responseCode = "404", description = "No such mail on this ticket")
    public Response raw(@PathParam("id") long id, @PathParam("mail") long mail) {
        TicketMails.RawContent raw = mails.raw(id, mail);
        return Response.ok(raw.raw(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"mail-" + raw.mailId() + ".eml\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
