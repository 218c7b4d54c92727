package org.csirtdesk.mail.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.csirtdesk.mail.control.CannedTexts;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.ticket.control.Tickets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The canned replies and comments, rendered for one ticket, for the desk's template chooser. */
@RequestScoped
@Path("tickets/{id}/templates")
@Tag(name = "Mail")
@Produces(MediaType.APPLICATION_JSON)
public class TicketTemplatesResource {

    /** A canned text for this ticket; {@code error} instead of a text when its template is broken. */
    public record TemplateView(String name, String kind, String title, String subject, String body, String error) {
        static TemplateView of(CannedTexts.Canned canned) {
            return new TemplateView(
                    canned.name(),
                    canned.kind().name().toLowerCase(Locale.ROOT),
                    canned.title(),
                    canned.subject(),
                    canned.body(),
                    canned.error());
        }
    }

    @Inject
    CannedTexts canned;

    @Inject
    Tickets tickets;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "The canned replies and comments, rendered for this ticket",
            description =
                    "From letters/reply-*.ftl and letters/comment-*.ftl (the WAR's, and csirt.mail.templates-dir's, "
                            + "which override and add). kind is reply or comment. Edit the text, then send it as a reply "
                            + "(POST /api/tickets/{id}/replies) or a comment (POST /api/tickets/{id}/comments).")
    public List<TemplateView> list(@PathParam("id") long id) {
        String user = Actors.of(security);
        return canned.forTicket(tickets.find(id), user).stream()
                .map(TemplateView::of)
                .toList();
    }
}
