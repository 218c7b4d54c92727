package org.csirtdesk.incident.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.csirtdesk.incident.control.Announcement;
import org.csirtdesk.incident.control.Attachment;
import org.csirtdesk.incident.control.Deadlines;
import org.csirtdesk.incident.control.IncidentList;
import org.csirtdesk.incident.control.Incidents;
import org.csirtdesk.incident.control.IocExport;
import org.csirtdesk.incident.entity.ClosureReport;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.incident.entity.MilestoneKind;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SEC01's security incidents: open, read, coordinator, affected sites, indicators and their export, announcements,
 * updates and the closure; staff only.
 */
@RequestScoped
@Path("incidents")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    static final String STIX = "application/stix+json;version=2.1";
    static final String CSV = "text/csv";

    @Inject
    Incidents incidents;

    @Inject
    IncidentList list;

    @Inject
    Tickets tickets;

    @Inject
    IncidentViews views;

    @Inject
    Deadlines deadlines;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "List security incidents",
            description = "Newest first; filters: status (open, resolved, " + "abandoned), stalled=true, coordinator.")
    public List<IncidentView> list(
            @QueryParam("status") String status,
            @QueryParam("stalled") String stalledText,
            @QueryParam("coordinator") String coordinator,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        Boolean stalled = input.bool("stalled", stalledText);
        Input.Paging paging = input.paging(page, size, 100);
        input.check();
        return list.find(status, coordinator, stalled, paging.offset(), paging.size()).stream()
                .map(views::of)
                .toList();
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Open an incident without a report",
            description = "It gets its tag EGI-YYYYMMDD-NN (SEC01-tag). "
                    + "An incident from a report is opened by the report's triage.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "incident",
                                            value =
                                                    "{\"title\": \"Compromised "
                                                            + "credentials used on several UIs\", \"tlp\": \"AMBER\", \"coordinator\": \"alice\"}")))
    @APIResponse(responseCode = "201", description = "Opened; Location is set")
    public Response open(NewIncident incident, @Context UriInfo uri) {
        String actor = Actors.of(security);
        if (incident == null) {
            throw DomainException.invalid("title", "a JSON object with the title is required");
        }
        Input input = new Input();
        Tlp tlp = input.label("tlp", incident.tlp(), Tlp::parse, Tlp.LABELS, null);
        input.check();
        Incident opened = incidents.open(
                incident.title(),
                tlp,
                incident.coordinator() == null ? actor : incident.coordinator(),
                incident.description() == null ? "Opened by " + actor : incident.description(),
                actor);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(String.valueOf(opened.ticketId()))
                        .build())
                .entity(views.of(opened))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Read an incident",
            description = "With whether it is stalled and since when (SEC01-coordinator).")
    @APIResponse(responseCode = "404", description = "No such incident")
    public IncidentView read(@PathParam("id") long id) {
        return views.of(id);
    }

    @PUT
    @Path("{id}/coordinator")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Appoint the incident's coordinator (SEC01-coordinator)",
            description =
                    "A user with the role "
                            + "csirt or coordinator; the reason goes into the history. The coordinator also becomes the ticket's owner.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "appoint",
                                            value = "{\"coordinator\": \"bob\", "
                                                    + "\"reason\": \"alice is on leave\"}")))
    public IncidentView appoint(@PathParam("id") long id, CoordinatorChange change) {
        String actor = Actors.of(security);
        if (change == null) {
            throw DomainException.invalid("coordinator", "a JSON object with coordinator and reason is required");
        }
        return views.of(incidents.appoint(id, change.coordinator(), change.reason(), actor));
    }

    @GET
    @Path("{id}/sites")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "The incident's affected sites, each with its Investigation and SEC01 deadlines",
            description =
                    "Each deadline (report, isolation, downtime, answer to each CSIRT request, closure-report) with "
                            + "its due time, reminder, state (pending, met, missed, cancelled) and when it was met; the milestones "
                            + "recorded; the calendar the site's working hours count in (SEC01-deadlines).")
    public List<AffectedSiteView> sites(@PathParam("id") long id) {
        incidents.find(id);
        return deadlines.sitesOf(id).stream().map(AffectedSiteView::of).toList();
    }

    @POST
    @Path("{id}/sites/{site}/milestones")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Record a milestone of an affected site (SEC01-deadlines)",
            description = "kind: reported, isolated, "
                    + "downtime-announced, resolved or closure-report; at: when it happened (default now, never in the future); "
                    + "reason: how the CSIRT knows; or mail: the id of the site's mail in its Investigation's history, which gives "
                    + "the time and the reason in one action (reason optional then, at not allowed). It meets its deadline (isolated "
                    + "also starts the downtime's, resolved the closure report's), cancels that deadline's reminders and goes into "
                    + "the Investigation's history. Once per kind.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "isolated",
                                            value =
                                                    "{\"kind\": \"isolated\", "
                                                            + "\"at\": \"2026-11-23T14:10:00Z\", \"reason\": \"the site's mail of 15:02: ui.ptujrpc.si is off the network\"}")))
    @APIResponse(responseCode = "200", description = "Recorded; the site with its deadlines")
    @APIResponse(responseCode = "409", description = "Recorded already")
    public AffectedSiteView milestone(
            @PathParam("id") long id, @PathParam("site") String site, NewMilestone milestone) {
        String actor = Actors.of(security);
        if (milestone == null) {
            throw DomainException.invalid("kind", "a JSON object with kind and reason is required");
        }
        Input input = new Input();
        MilestoneKind kind =
                input.label("kind", milestone.kind(), MilestoneKind::parse, "a milestone: " + MilestoneKind.slugs());
        Instant at = input.instant("at", milestone.at(), false);
        if (milestone.mail() != null && at != null) {
            input.fail("at", "the mail gives the time: send either at or mail");
        }
        input.check();
        return AffectedSiteView.of(
                milestone.mail() == null
                        ? deadlines.record(id, site, kind, at, milestone.reason(), actor)
                        : deadlines.recordFromMail(id, site, kind, milestone.mail(), milestone.reason(), actor));
    }

    @POST
    @Path("{id}/sites/{site}/requests")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Send a CSIRT request to an affected site (SEC01-deadlines)",
            description = "Mailed to the site's "
                    + "contacts through the outbox (letters/sec01-request.ftl) and kept on its Investigation; the site's answer is due "
                    + "within 4 working hours in its own calendar (zone and country from GOCDB, csirt.sec01.working-hours); its next "
                    + "mail on the Investigation meets it.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "request",
                                            value = "{\"text\": \"Please send the "
                                                    + "sshd logs of ui.ptujrpc.si since 1 November.\"}")))
    @APIResponse(responseCode = "201", description = "Sent; the answer's deadline")
    public Response request(@PathParam("id") long id, @PathParam("site") String site, NewRequest request) {
        String actor = Actors.of(security);
        if (request == null) {
            throw DomainException.invalid("text", "a JSON object with the text of the request is required");
        }
        deadlines.request(id, site, request.text(), actor);
        return Response.status(Response.Status.CREATED)
                .entity(views.site(id, site))
                .build();
    }

    @POST
    @Path("{id}/sites")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Add an affected site",
            description =
                    "Opens the site's Investigation under the incident, " + "addressed to its contacts from GOCDB.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "site",
                                            value =
                                                    "{\"site\": \"PtujRPC\", "
                                                            + "\"discoveredAt\": \"2026-11-23T08:30:00Z\", \"reason\": \"rootkit found on ui.ptujrpc.si\"}")))
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "The site is affected already")
    public Response addSite(@PathParam("id") long id, NewAffectedSite site) {
        String actor = Actors.of(security);
        if (site == null) {
            throw DomainException.invalid("site", "a JSON object with the site is required");
        }
        Input input = new Input();
        Instant discoveredAt = input.instant("discoveredAt", site.discoveredAt(), false);
        input.check();
        String added = incidents
                .addSite(id, site.site(), discoveredAt, site.reason(), actor)
                .site();
        return Response.status(Response.Status.CREATED)
                .entity(views.site(id, added))
                .build();
    }

    @GET
    @Path("{id}/indicators.csv")
    @Produces(CSV)
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Export the incident's indicators as CSV",
            description = "Columns: incident, type, value, tlp, added_at, source. SEC01-tlp: only the indicators at or "
                    + "below the export's TLP (tlp, the incident's own by default), each with its own TLP.")
    public Response csv(@PathParam("id") long id, @QueryParam("tlp") String tlp) {
        Export export = export(id, tlp);
        return Response.ok(IocExport.csv(export.source(), export.iocs()), CSV + ";charset=utf-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + export.source().tag() + "-iocs.csv\"")
                .build();
    }

    @GET
    @Path("{id}/indicators.stix.json")
    @Produces({STIX, MediaType.APPLICATION_JSON})
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Export the incident's indicators as a STIX 2.1 bundle",
            description = "An indicator with a "
                    + "STIX pattern per observable, a vulnerability per CVE, each marked with its own TLP; only those "
                    + "at or below the export's TLP (tlp, the incident's own by default); ids are stable.")
    public Response stix(@PathParam("id") long id, @QueryParam("tlp") String tlp) {
        Export export = export(id, tlp);
        JsonObject bundle = IocExport.stix(export.source(), export.iocs());
        return Response.ok(bundle.toString(), STIX)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + export.source().tag() + "-stix.json\"")
                .build();
    }

    @POST
    @Path("{id}/announcements")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Announce the incident, or send an update (summary report) (SEC01-announce)",
            description = "To site-security-contacts, ngi-security-contacts and the CSIRT list, from the templates "
                    + "letters/sec01-announcement.ftl and sec01-update.ftl. TLP:RED goes only to the recipients named in "
                    + "'to' (SEC01-tlp): without them it is refused with 409.")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "announcement",
                                        value = "{\"kind\": \"announcement\", \"text\": \"Several sites report "
                                                + "SSH logins from 198.51.100.7 followed by a rootkit.\"}"),
                                @ExampleObject(
                                        name = "red update",
                                        value =
                                                "{\"kind\": \"update\", \"text\": \"The attacker's account name is ...\", "
                                                        + "\"tlp\": \"RED\", \"to\": [\"security@site-a.example\"]}")
                            }))
    @APIResponse(responseCode = "200", description = "Queued in the outbox")
    @APIResponse(responseCode = "409", description = "TLP:RED to a list, or a second announcement")
    public SentView announce(@PathParam("id") long id, NewAnnouncement announcement) {
        String actor = Actors.of(security);
        if (announcement == null) {
            throw DomainException.invalid("kind", "a JSON object with kind and text is required");
        }
        Input input = new Input();
        Tlp tlp = input.label("tlp", announcement.tlp(), Tlp::parse, Tlp.LABELS, null);
        input.check();
        Announcement letter = new Announcement(
                announcement.text(), tlp, announcement.to(), !Boolean.FALSE.equals(announcement.indicators()));
        String kind =
                announcement.kind() == null ? "" : announcement.kind().strip().toLowerCase(Locale.ROOT);
        return SentView.of(
                switch (kind) {
                    case "announcement" -> incidents.announce(id, letter, actor);
                    case "update" -> incidents.update(id, letter, actor);
                    default ->
                        throw DomainException.invalid(
                                "kind",
                                "'" + announcement.kind() + "' is neither announcement "
                                        + "(once, for a new incident) nor update (a summary report)");
                });
    }

    @POST
    @Path("{id}/closure")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Close the incident with its closure report (SEC01-announce)",
            description = "The report goes "
                    + "to the lists (or to 'to'; TLP:RED only so), is kept with its optional attachment, and the incident is "
                    + "resolved with its open Investigations.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "closure",
                                            value =
                                                    "{\"report\": \"Root cause: a "
                                                            + "stolen SSH key. Lessons learnt: ...\", \"tlp\": \"AMBER\", \"attachment\": {\"filename\": \"site-report.txt\", "
                                                            + "\"contentType\": \"text/plain\", \"content\": \"U2l0ZSByZXBvcnQ=\"}}")))
    @APIResponse(responseCode = "200", description = "Sent and resolved")
    @APIResponse(responseCode = "409", description = "Resolved already, or TLP:RED without named recipients")
    public SentView close(@PathParam("id") long id, NewClosure closure) {
        String actor = Actors.of(security);
        if (closure == null) {
            throw DomainException.invalid("report", "a JSON object with the report is required");
        }
        Input input = new Input();
        Tlp tlp = input.label("tlp", closure.tlp(), Tlp::parse, Tlp.LABELS, null);
        Attachment attachment = attachment(input, closure.attachment());
        input.check();
        return SentView.of(incidents.close(
                id,
                new Announcement(closure.report(), tlp, closure.to(), !Boolean.FALSE.equals(closure.indicators())),
                attachment,
                actor));
    }

    @GET
    @Path("{id}/closures")
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(summary = "The incident's closure reports as sent")
    public List<ClosureView> closures(@PathParam("id") long id) {
        return incidents.closures(id).stream().map(ClosureView::of).toList();
    }

    @GET
    @Path("{id}/closures/{closure}/attachment")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(summary = "The file sent with a closure report")
    public Response attachment(@PathParam("id") long id, @PathParam("closure") long closureId) {
        ClosureReport closure = incidents.closure(id, closureId);
        if (!closure.hasAttachment()) {
            throw DomainException.notFound("an attachment of closure report " + closureId);
        }
        return Response.ok(closure.attachment(), closure.attachmentType())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + closure.attachmentName().replace("\"", "") + "\"")
                .build();
    }

    /** The file sent with a closure report, its content in base64. */
    private static Attachment attachment(Input input, NewClosure.File file) {
        if (file == null) {
            return null;
        }
        String filename = input.text("attachment.filename", file.filename(), 255, true);
        String type = input.text("attachment.contentType", file.contentType(), 255, false);
        if (file.content() == null || file.content().isBlank()) {
            input.fail("attachment.content", "the file's content, in base64, is required");
            return null;
        }
        try {
            return new Attachment(
                    filename,
                    type == null ? "application/octet-stream" : type,
                    Base64.getMimeDecoder().decode(file.content()));
        } catch (IllegalArgumentException e) {
            input.fail("attachment.content", "is not base64: " + e.getMessage());
            return null;
        }
    }

    private record Export(IocExport.Source source, List<IocExport.Ioc> iocs) {}

    private Export export(long id, String tlpText) {
        Input input = new Input();
        Tlp asked = input.label("tlp", tlpText, Tlp::parse, Tlp.LABELS, null);
        input.check();
        Incident incident = incidents.find(id);
        Ticket ticket = tickets.find(id);
        Tlp tlp = asked == null ? ticket.tlp() : asked;
        List<IocExport.Ioc> iocs = incidents.indicatorsOf(id, tlp).stream()
                .map(indicator -> new IocExport.Ioc(
                        indicator.type(),
                        indicator.value(),
                        indicator.tlp(),
                        indicator.addedAt(),
                        indicator.origin().name().toLowerCase(Locale.ROOT)
                                + (indicator.note() == null ? "" : ": " + indicator.note())))
                .toList();
        return new Export(new IocExport.Source(incident.tag(), incidents.title(ticket), tlp), iocs);
    }
}
