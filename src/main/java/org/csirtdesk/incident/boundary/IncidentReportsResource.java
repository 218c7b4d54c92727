package org.csirtdesk.incident.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.csirtdesk.incident.control.Incidents;
import org.csirtdesk.incident.control.Indicators;
import org.csirtdesk.incident.control.Triage;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SEC01's triage of Incident Reports, their indicators and the related incidents; staff only. */
@RequestScoped
@Path("incident-reports")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentReportsResource {

    @Inject
    Incidents incidents;

    @Inject
    Indicators indicators;

    @Inject
    Tickets tickets;

    @Inject
    IncidentViews views;

    @Context
    SecurityContext security;

    @GET
    @Path("{id}/triage")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "What triaging the report needs",
            description = "The report, its incidents, its indicators with their TLP, the values excluded by default "
                    + "(victims' domains and hosts, reporters' and GOCDB's addresses, the CSIRT's own) with why "
                    + "(read from its text and mails), the related incidents (most shared indicators first), the incidents whose "
                    + "tag it quotes, and the three decisions with the fields each takes.")
    @APIResponse(responseCode = "200", description = "The report's triage")
    public TriageView triage(@PathParam("id") long id) {
        Ticket report = report(id);
        List<Indicators.Listed> listed = indicators.listed(id, false);
        return new TriageView(
                report.id(),
                report.subject(),
                report.status().label(),
                report.tlp().name(),
                report.isActive(),
                tickets.incidentsOf(id).stream().map(Ticket::id).toList(),
                listed.stream()
                        .filter(indicator -> indicator.excludedBecause() == null)
                        .map(IndicatorView::of)
                        .toList(),
                listed.stream()
                        .filter(indicator -> indicator.excludedBecause() != null)
                        .map(IndicatorView::of)
                        .toList(),
                related(id),
                incidents.quotedIn(id).stream()
                        .map(incident -> {
                            Ticket ticket = tickets.find(incident.ticketId());
                            return new TriageView.QuotedIncident(
                                    ticket.id(),
                                    incident.tag(),
                                    ticket.subject(),
                                    ticket.status().label());
                        })
                        .toList(),
                TriageView.DECISIONS);
    }

    @POST
    @Path("{id}/triage")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Triage the report: reject, link to a known incident, or open a new incident",
            description = "A new incident gets the tag EGI-YYYYMMDD-NN (SEC01-tag) and the report's indicators; a link "
                    + "records why and which indicators the two share (SEC01-related).")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "new",
                                        value =
                                                "{\"decision\": \"new\", \"title\": \"SSH brute force and rootkit at two sites\", "
                                                        + "\"tlp\": \"AMBER\", \"coordinator\": \"alice\"}"),
                                @ExampleObject(
                                        name = "link",
                                        value =
                                                "{\"decision\": \"link\", \"incident\": 12, \"reason\": \"same attacking IP 198.51.100.7\"}"),
                                @ExampleObject(
                                        name = "reject",
                                        value = "{\"decision\": \"reject\", \"reason\": \"spam\"}")
                            }))
    @APIResponse(responseCode = "200", description = "What the triage did")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (problem+json names it)")
    @APIResponse(responseCode = "409", description = "The report is closed already")
    public TriageResult decide(@PathParam("id") long id, TriageRequest request) {
        String actor = Actors.of(security);
        if (request == null) {
            throw DomainException.invalid("decision", "a JSON object with the decision is required");
        }
        Input input = new Input();
        Triage.Decision decision = input.choice("decision", request.decision(), Triage.Decision.class);
        Tlp tlp = input.label("tlp", request.tlp(), Tlp::parse, Tlp.LABELS, null);
        input.check();
        Triage triage =
                new Triage(decision, request.reason(), request.incident(), request.title(), tlp, request.coordinator());
        Incidents.TriageOutcome outcome = incidents.triage(id, triage, actor);
        return new TriageResult(
                outcome.decision().name().toLowerCase(java.util.Locale.ROOT),
                id,
                outcome.report().status().label(),
                outcome.incident() == null ? null : views.of(outcome.incident()),
                outcome.shared().stream().map(SharedIndicator::of).toList());
    }

    @GET
    @Path("{id}/related")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Incidents that share indicators with the report (SEC01-related)",
            description = "Most shared indicators first, then the latest changed; open and closed incidents alike.")
    public List<RelatedView> related(@PathParam("id") long id) {
        report(id);
        return indicators.related(id).stream()
                .map(related -> RelatedView.of(related, views.tagOf(related.incident())))
                .toList();
    }

    private Ticket report(long id) {
        Ticket report = tickets.find(id);
        if (report.queue() != Queue.INCIDENT_REPORTS) {
            throw DomainException.notFound("incident report #" + id + " (#" + id + " is in "
                    + report.queue().displayName() + ")");
        }
        return report;
    }
}
