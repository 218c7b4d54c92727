package org.csirtdesk.incident.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.csirtdesk.incident.control.Incidents;
import org.csirtdesk.incident.control.Indicators;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The indicators of compromise of an Incident Report or of an incident (SEC01-related): one list per ticket, read
 * from its texts and mails, added and removed by hand. They hang off the ticket, not off the report or the incident,
 * because both kinds of ticket keep them the same way; an incident's list also shows what its reports brought.
 */
@RequestScoped
@Path("tickets/{id}/indicators")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketIndicatorsResource {

    @Inject
    Indicators indicators;

    @Inject
    Incidents incidents;

    @Inject
    Tickets tickets;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "The indicators of an Incident Report or an incident",
            description = "Read from its subject, "
                    + "texts and mails, added by hand, and for an incident those its reports brought, each with its TLP; "
                    + "removed ones with removed=true; with excluded=true also the values excluded by default "
                    + "(victims' domains and hosts, reporters' and GOCDB's addresses, the CSIRT's own), each "
                    + "saying why in 'excluded'.")
    public List<IndicatorView> list(
            @PathParam("id") long id, @QueryParam("removed") String removed, @QueryParam("excluded") String excluded) {
        Input input = new Input();
        boolean withRemoved = Boolean.TRUE.equals(input.bool("removed", removed));
        boolean withExcluded = Boolean.TRUE.equals(input.bool("excluded", excluded));
        input.check();
        keepingIndicators(id);
        return indicators.listed(id, withRemoved).stream()
                .filter(listed -> withExcluded || listed.excludedBecause() == null)
                .map(IndicatorView::of)
                .toList();
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(summary = "Add an indicator by hand")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "ip",
                                        value =
                                                "{\"type\": \"ipv4\", \"value\": \"198.51.100.7\", \"note\": \"from the site's firewall log\"}"),
                                @ExampleObject(
                                        name = "hash",
                                        value =
                                                "{\"type\": \"sha256\", \"value\": "
                                                        + "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\", \"note\": \"the rootkit's loader\"}")
                            }))
    public IndicatorView add(@PathParam("id") long id, NewIndicator indicator) {
        String actor = Actors.of(security);
        keepingIndicators(id);
        if (indicator == null) {
            throw DomainException.invalid("type", "a JSON object with type and value is required");
        }
        Input input = new Input();
        IndicatorType type = input.label(
                "type", indicator.type(), IndicatorType::parse, "an indicator type: " + IndicatorType.slugs());
        input.check();
        return IndicatorView.of(indicators.add(id, type, indicator.value(), indicator.note(), actor));
    }

    @DELETE
    @Path("{indicator}")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Remove an indicator",
            description = "Kept as removed, with the reason, so reading the texts "
                    + "again does not bring it back; adding it by hand does.")
    public IndicatorView remove(
            @PathParam("id") long id, @PathParam("indicator") long indicator, @QueryParam("reason") String reason) {
        String actor = Actors.of(security);
        keepingIndicators(id);
        return IndicatorView.of(indicators.remove(id, indicator, reason, actor));
    }

    /** Only Incident Reports and SEC01 incidents keep indicators; any other ticket's are a 404 that says why. */
    private void keepingIndicators(long id) {
        Ticket ticket = tickets.find(id);
        if (ticket.queue() != Queue.INCIDENT_REPORTS && incidents.byTicket(id).isEmpty()) {
            throw DomainException.notFound("a list of indicators of #" + id
                    + " (indicators are kept for Incident Reports " + "and SEC01 incidents; #" + id + " is in "
                    + ticket.queue().displayName() + ")");
        }
    }
}
