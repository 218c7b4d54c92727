package org.csirtdesk.ticket.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.ticket.control.BulkChange;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.TicketQuery;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.control.TicketSql;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.TicketReference;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tickets over HTTP: a thin layer that parses, calls {@link Tickets} and answers with ETags. */
@RequestScoped
@RolesAllowed({"csirt", "coordinator"})
@Path("tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Tickets tickets;

    @Inject
    TicketTags tags;

    @Inject
    TicketStore store;

    @Inject
    Users users;

    @Context
    SecurityContext security;

    @POST
    @Timed(name = "tickets.create", absolute = true)
    @Operation(summary = "Create a ticket", description = "An investigation or countermeasure needs its incident.")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "investigation", value = """
                    {"queue": "investigations", "subject": "CVE-2026-1234 at SITE-A", "incident": 12, "tlp": "AMBER",
                     "requestors": ["admin@site-a.example"], "cc": ["security@ngi.example"],
                     "due": "2026-12-01T12:00:00Z", "site": "SITE-A",
                     "customFields": {"IP": "192.0.2.10"}, "content": "Your site is vulnerable to ..."}"""),
                                @ExampleObject(name = "incident report", value = """
                    {"queue": "incident-reports", "subject": "Suspicious logins on ui.site-b.example"}""")
                            }))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag are set")
    @APIResponse(responseCode = "400", description = "Invalid field (problem+json names it)")
    public Response create(@NotNull NewTicket ticket, @Context UriInfo uri) {
        TicketDraft draft = ticket.toDraft();
        if (draft.owner() != null) {
            users.checkTicketOwner("owner", draft.owner());
        }
        Ticket created = tickets.create(draft, Actors.of(security));
        List<Long> incidents = draft.incident() == null ? List.of() : List.of(draft.incident());
        return withTag(
                        Response.created(uri.getAbsolutePathBuilder()
                                .path(String.valueOf(created.id()))
                                .build()),
                        created,
                        incidents)
                .build();
    }

    /** A ticket after a bulk change: enough for the queue list to say what happened. */
    public record BulkTicket(long id, long version, String status, String owner) {}

    /** What a bulk change did: how many tickets it changed, each with its new version. */
    public record BulkResult(int count, List<BulkTicket> tickets) {}

    @POST
    @Path("bulk")
    @Timed(name = "tickets.bulk", absolute = true)
    @Operation(
            summary = "Change many tickets at once: owner, status with reason, comment",
            description = "All or nothing: every ticket is checked first and, when one cannot take the change (it does "
                    + "not exist: 400; its lifecycle forbids the status: 409), the refusal names each such ticket as "
                    + "ids[i] and nothing changes. Otherwise every ticket changes in one transaction, as its own "
                    + "endpoints would change it (an incident closed closes its children). owner \"\" gives the "
                    + "tickets to nobody.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "resolve three", value = """
            {"ids": [12, 13, 14], "owner": "alice", "status": "resolved", "reason": "patched, confirmed by Pakiti",
             "comment": "Closed together after the campaign's last check."}""")))
    @APIResponse(responseCode = "200", description = "Every ticket changed; their new versions")
    @APIResponse(responseCode = "400", description = "A field is invalid, or a ticket does not exist; nothing changed")
    @APIResponse(
            responseCode = "409",
            description = "The lifecycle of some tickets forbids the status; nothing changed")
    public BulkResult bulk(@NotNull BulkUpdate update) {
        BulkChange change = update.checked();
        if (change.owner() != null && change.owner().value() != null) {
            users.checkTicketOwner("owner", change.owner().value());
        }
        List<BulkTicket> changed = tickets.bulk(change, Actors.of(security)).stream()
                .map(t -> new BulkTicket(t.id(), t.version(), t.status().label(), t.owner()))
                .toList();
        return new BulkResult(changed.size(), changed);
    }

    @GET
    @Path("{id}")
    @Timed(name = "tickets.read", absolute = true)
    @Operation(
            summary = "Read a ticket",
            description = "The ETag is the version to send back in If-Match. A merged ticket answers with the ticket "
                    + "it was merged into (the survivor), whose mergedFrom names the ticket asked for.")
    @APIResponse(responseCode = "200", description = "The ticket, or the survivor of its merge")
    @APIResponse(responseCode = "404", description = "No such ticket")
    public Response read(@PathParam("id") long id) {
        Ticket asked = tickets.find(id);
        Ticket survivor = tickets.survivorOf(asked);
        return withTag(Response.ok(), survivor, incidentIds(survivor), asked == survivor ? null : asked.id())
                .build();
    }

    @POST
    @Path("{id}/merge")
    @Timed(name = "tickets.merge", absolute = true)
    @Operation(
            summary = "Merge the ticket into another (RT's merge)",
            description = "The merged ticket keeps its rows and history and answers no more: reading it gives the "
                    + "survivor, whose history shows both, and whose requestors and Cc gain the merged one's. Both "
                    + "tickets must be in one queue; a merged ticket neither merges again nor takes another in; a "
                    + "ticket a campaign, a security incident or the findings keep is refused, and so is an incident "
                    + "with tickets under it. If-Match (of the merged ticket) is optional.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "merge", value = "{\"into\": 12}")))
    @APIResponse(responseCode = "200", description = "The survivor")
    @APIResponse(responseCode = "400", description = "No survivor named, or it does not exist, or it is this ticket")
    @APIResponse(responseCode = "409", description = "The merge rules forbid it (the reason says which)")
    public Response merge(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull Merge merge) {
        Ticket survivor = tickets.merge(id, merge.checkedInto(), optionalVersion(ifMatch), Actors.of(security));
        return withTag(Response.ok(), survivor).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Timed(name = "tickets.update", absolute = true)
    @Operation(
            summary = "Change fields of a ticket (JSON merge patch)",
            description = "Requires If-Match with the ETag last read. null clears a field. Status and links have "
                    + "their own endpoints.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MERGE_PATCH,
                            examples = @ExampleObject(name = "take and reschedule", value = """
                    {"owner": "alice", "due": "2026-12-02T12:00:00Z", "cc": ["noc@ngi.example"],
                     "customFields": {"IP": null}}""")))
    @APIResponse(responseCode = "200", description = "The changed ticket with its new ETag")
    @APIResponse(responseCode = "412", description = "The ticket changed since the ETag was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response update(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonObject patch) {
        Long version = Input.requiredIfMatch(ifMatch, "ticket #" + id).orElse(null);
        if (patch == null) {
            throw DomainException.invalid("body", "a JSON object of the fields to change is required");
        }
        TicketChanges changes = TicketPatch.read(patch);
        if (changes.owner() != null && changes.owner().value() != null) {
            users.checkTicketOwner("owner", changes.owner().value());
        }
        return withTag(Response.ok(), tickets.update(id, version, changes, Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/take")
    @Timed(name = "tickets.take", absolute = true)
    @Operation(
            summary = "Take an unowned ticket (RT's Take)",
            description = "The caller becomes the owner. A ticket someone else owns is 409: steal it instead. "
                    + "If-Match is optional.")
    @APIResponse(responseCode = "200", description = "The ticket, owned by the caller")
    @APIResponse(responseCode = "409", description = "Someone else owns the ticket")
    public Response take(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ownedByCaller(tickets::take, id, ifMatch);
    }

    @POST
    @Path("{id}/steal")
    @Timed(name = "tickets.steal", absolute = true)
    @Operation(
            summary = "Take a ticket from its owner (RT's Steal)",
            description = "The caller becomes the owner whoever owned it; the history keeps the previous owner. "
                    + "If-Match is optional.")
    @APIResponse(responseCode = "200", description = "The ticket, owned by the caller")
    public Response steal(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ownedByCaller(tickets::steal, id, ifMatch);
    }

    /** How the caller becomes a ticket's owner: {@link Tickets#take} or {@link Tickets#steal}. */
    @FunctionalInterface
    private interface OwnerChange {
        Ticket apply(long id, Long expectedVersion, String actor);
    }

    /** Take and steal answer alike: the ticket, owned by the caller, with its new ETag. */
    private Response ownedByCaller(OwnerChange change, long id, String ifMatch) {
        return withTag(Response.ok(), change.apply(id, optionalVersion(ifMatch), Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/correspondence")
    @Timed(name = "tickets.correspond", absolute = true)
    @Operation(summary = "Reply to the ticket's requestors and Cc", description = "A new ticket becomes open.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "reply",
                                            value =
                                                    "{\"content\": \"Thank you, please confirm when the kernel is updated.\"}")))
    @APIResponse(responseCode = "200", description = "The ticket after the reply")
    public Response correspond(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull Message message) {
        return withTag(
                        Response.ok(),
                        tickets.addMessage(
                                id,
                                optionalVersion(ifMatch),
                                HistoryType.CORRESPOND,
                                message.checkedContent(),
                                message.timeWorked(),
                                Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/comments")
    @Timed(name = "tickets.comment", absolute = true)
    @Operation(summary = "Add a comment for CSIRT only")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "comment",
                                            value =
                                                    "{\"content\": \"Site admin phoned: patch planned for Thursday.\", \"timeWorked\": 15}")))
    @APIResponse(responseCode = "200", description = "The ticket after the comment")
    public Response comment(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull Message message) {
        return withTag(
                        Response.ok(),
                        tickets.addMessage(
                                id,
                                optionalVersion(ifMatch),
                                HistoryType.COMMENT,
                                message.checkedContent(),
                                message.timeWorked(),
                                Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/status")
    @Timed(name = "tickets.status", absolute = true)
    @Operation(
            summary = "Change the status along the queue's lifecycle",
            description = "Resolving or abandoning an incident closes its open children; reopening a child reopens "
                    + "its incident. An illegal transition is 409 with the allowed ones.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "resolve",
                                            value = "{\"status\": \"resolved\", \"reason\": \"site patched\"}")))
    @APIResponse(responseCode = "200", description = "The ticket in its new status")
    @APIResponse(responseCode = "409", description = "The lifecycle does not allow this transition")
    public Response changeStatus(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull StatusChange change) {
        StatusChange.Checked checked = change.checked();
        return withTag(
                        Response.ok(),
                        tickets.changeStatus(
                                id, optionalVersion(ifMatch), checked.status(), checked.reason(), Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/links")
    @Timed(name = "tickets.link", absolute = true)
    @Operation(
            summary = "Put the ticket under an incident",
            description = "A report may belong to several incidents; an investigation or countermeasure to exactly "
                    + "one, so linking it elsewhere moves it.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "link", value = "{\"incident\": 12}")))
    @APIResponse(responseCode = "200", description = "The ticket with its incidents")
    @APIResponse(responseCode = "409", description = "The link rules forbid it (e.g. an incident under an incident)")
    public Response link(
            @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull NewLink link) {
        return withTag(
                        Response.ok(),
                        tickets.link(id, link.checkedIncident(), optionalVersion(ifMatch), Actors.of(security)))
                .build();
    }

    @DELETE
    @Path("{id}/links/{incident}")
    @Timed(name = "tickets.unlink", absolute = true)
    @Operation(
            summary = "Take the ticket out of an incident",
            description = "Refused for an investigation or countermeasure, which must keep exactly one incident.")
    @APIResponse(responseCode = "200", description = "The ticket without that incident")
    @APIResponse(responseCode = "404", description = "No such link")
    @APIResponse(responseCode = "409", description = "The ticket must keep its incident")
    public Response unlink(
            @PathParam("id") long id,
            @PathParam("incident") long incident,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(Response.ok(), tickets.unlink(id, incident, optionalVersion(ifMatch), Actors.of(security)))
                .build();
    }

    @POST
    @Path("{id}/references")
    @Timed(name = "tickets.refer", absolute = true)
    @Operation(
            summary = "Make the ticket refer to another (RT's \"refers to\")",
            description = "A plain link to a ticket of any queue, shown on the other as referredToBy; it carries no "
                    + "rule of the procedures (an incident's children are links, POST /links). Both histories record "
                    + "it; referring again changes nothing.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "refer", value = "{\"ticket\": 12}")))
    @APIResponse(responseCode = "200", description = "The ticket with the tickets it refers to")
    @APIResponse(responseCode = "400", description = "No such ticket to refer to, or the ticket itself")
    @APIResponse(responseCode = "409", description = "The other ticket was merged: refer to its survivor")
    public Response refer(
            @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull NewReference reference) {
        return withTag(
                        Response.ok(),
                        tickets.refer(id, reference.checkedTicket(), optionalVersion(ifMatch), Actors.of(security)))
                .build();
    }

    @DELETE
    @Path("{id}/references/{other}")
    @Timed(name = "tickets.unrefer", absolute = true)
    @Operation(summary = "Remove the ticket's reference to another")
    @APIResponse(responseCode = "200", description = "The ticket without that reference")
    @APIResponse(responseCode = "404", description = "No such reference")
    public Response unrefer(
            @PathParam("id") long id,
            @PathParam("other") long other,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(Response.ok(), tickets.unrefer(id, other, optionalVersion(ifMatch), Actors.of(security)))
                .build();
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "The ticket's history, oldest first")
    @APIResponse(responseCode = "200", description = "Every change, with actor, time, before and after")
    public List<HistoryView> history(@PathParam("id") long id) {
        return tickets.history(id).stream().map(HistoryView::of).toList();
    }

    @GET
    @Timed(name = "tickets.search", absolute = true)
    @Operation(
            summary = "Search tickets",
            description = "Filters combine with AND; list filters take commas or repeats. sort is a comma list of "
                    + "id, due, created, updated, status, subject, queue, owner; a leading '-' sorts descending. "
                    + "Every filter is answered from indexes without reading histories, except waitingForCsirt, which reads "
                    + "each candidate's last correspondence through the history's (ticket, id) index. "
                    + "Example: /api/tickets?queue=investigations&status=open&dueBefore=2026-12-01T00:00:00Z&sort=due. "
                    + "query is the search language (docs/api.md), ANDed with the other filters, e.g. "
                    + "queue = investigations AND (owner = alice OR requestor = \"x@site.example\") AND text ~ \"ssh keys\"; "
                    + "a bare number finds that ticket, a bare word searches the full text of subjects and messages.")
    @APIResponse(responseCode = "200", description = "One page and the total")
    public TicketPage search(
            @Parameter(description = "queue slugs, e.g. investigations") @QueryParam("queue") List<String> queue,
            @Parameter(description = "statuses, e.g. open,new") @QueryParam("status") List<String> status,
            @QueryParam("owner") String owner,
            @Parameter(description = "an e-mail address among the requestors") @QueryParam("requestor")
                    String requestor,
            @QueryParam("site") String site,
            @Parameter(description = "ISO-8601, exclusive") @QueryParam("dueBefore") String dueBefore,
            @Parameter(description = "ISO-8601, inclusive") @QueryParam("dueAfter") String dueAfter,
            @QueryParam("tlp") List<String> tlp,
            @Parameter(description = "text within the subject") @QueryParam("q") String text,
            @Parameter(description = "children of this incident") @QueryParam("incident") String incident,
            @Parameter(description = "the tickets of this NGI's sites") @QueryParam("ngi") String ngi,
            @Parameter(description = "the campaign's incident and the tickets under it") @QueryParam("campaign")
                    String campaign,
            @Parameter(
                            description =
                                    "true: the tickets in an active status of their queue's lifecycle (new, open, "
                                            + "pending activation, active, pending removal); false: the closed ones")
                    @QueryParam("active")
                    String active,
            @Parameter(
                            description =
                                    "true: the site answered and waits for CSIRT (a campaign case's state, else the last "
                                            + "correspondence came by mail); false: the others")
                    @QueryParam("waitingForCsirt")
                    String waitingForCsirt,
            @Parameter(description = "a query in the search language, e.g. owner = alice AND text ~ \"ssh keys\"")
                    @QueryParam("query")
                    String where,
            @QueryParam("sort") String sort,
            @Parameter(description = "from 1") @QueryParam("page") String page,
            @Parameter(description = "1 to 1000, default 50") @QueryParam("size") String size) {
        Input input = new Input();
        Input.Paging paging = input.paging(page, size, 50);
        TicketQuery query = new TicketQuery(
                each(queue, q -> input.label("queue", q, Queue::parse, NewTicket.QUEUES)),
                each(status, s -> input.label("status", s, Status::parse, StatusChange.STATUSES)),
                input.text("owner", owner, 190, false),
                lowerCase(input.text("requestor", requestor, 254, false)),
                input.text("site", site, 100, false),
                input.instant("dueBefore", dueBefore, false),
                input.instant("dueAfter", dueAfter, false),
                each(tlp, t -> input.label("tlp", t, Tlp::parse, Tlp.LABELS)),
                input.text("q", text, 512, false),
                input.number("incident", incident),
                otherFeaturesFilters(input.text("ngi", ngi, 100, false), input.number("campaign", campaign)),
                input.bool("waitingForCsirt", waitingForCsirt),
                input.bool("active", active),
                parsed(input.text("query", where, TicketSql.MAX_LENGTH, false)),
                sortKeys(input, sort),
                paging.page(),
                paging.size());
        input.check();
        Tickets.Page found = tickets.search(query);
        List<Long> ids = found.items().stream().map(Ticket::id).toList();
        Map<Long, List<Long>> incidents = tickets.incidentIdsOf(ids);
        Set<Long> waiting = tickets.waitingForCsirt(ids);
        return new TicketPage(
                found.items().stream()
                        .map(t -> TicketView.of(
                                t,
                                incidents.getOrDefault(t.id(), List.of()),
                                waiting.contains(t.id()),
                                tags.of(t.id()),
                                store))
                        .toList(),
                found.page(),
                found.size(),
                found.total(),
                found.more());
    }

    private static TicketSql.Node parsed(String query) {
        return query == null ? null : TicketSql.parse(query);
    }

    /** The filters the site and campaign features answer ({@code TicketFilters}), by the names they answer to. */
    private static Map<String, Object> otherFeaturesFilters(String ngi, Long campaign) {
        Map<String, Object> filters = new HashMap<>();
        if (ngi != null) {
            filters.put("ngi", ngi);
        }
        if (campaign != null) {
            filters.put("campaign", campaign);
        }
        return filters;
    }

    private Response.ResponseBuilder withTag(Response.ResponseBuilder response, Ticket ticket) {
        return withTag(response, ticket, incidentIds(ticket));
    }

    private List<Long> incidentIds(Ticket ticket) {
        return tickets.incidentsOf(ticket.id()).stream().map(Ticket::id).toList();
    }

    private Response.ResponseBuilder withTag(Response.ResponseBuilder response, Ticket ticket, List<Long> incidents) {
        return withTag(response, ticket, incidents, null);
    }

    /** One ticket as the API shows it alone: with the tickets merged into it and the time worked on it. */
    private Response.ResponseBuilder withTag(
            Response.ResponseBuilder response, Ticket ticket, List<Long> incidents, Long mergedFrom) {
        boolean waiting = !tickets.waitingForCsirt(List.of(ticket.id())).isEmpty();
        List<TicketReference> references = tickets.referencesOf(List.of(ticket.id()));
        TicketView view = TicketView.of(ticket, incidents, waiting, tags.of(ticket.id()), store)
                .alone(
                        mergedFrom,
                        tickets.mergedInto(ticket.id()),
                        tickets.timeWorked(ticket.id()),
                        ticket.queue() == Queue.INCIDENTS ? tickets.timeWorkedWithChildren(ticket.id()) : null,
                        references.stream()
                                .filter(r -> r.ticketId() == ticket.id())
                                .map(TicketReference::refersToId)
                                .toList(),
                        references.stream()
                                .filter(r -> r.refersToId() == ticket.id())
                                .map(TicketReference::ticketId)
                                .toList());
        return response.entity(view).tag(new EntityTag(String.valueOf(ticket.version())));
    }

    private static Long optionalVersion(String ifMatch) {
        return Input.ifMatch(ifMatch).orElse(null);
    }

    /** Each value of a comma-separated or repeated query parameter, read; those that cannot be read are left out. */
    private static <T> Set<T> each(List<String> values, Function<String, T> reader) {
        if (values == null) {
            return Set.of();
        }
        return values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(reader)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** {@code -due,id}: fields in order, a leading '-' for descending. */
    static List<SortKey> sortKeys(Input input, String text) {
        List<SortKey> keys = new ArrayList<>();
        for (String term : text == null || text.isBlank() ? new String[0] : text.split(",")) {
            String name = term.strip();
            boolean descending = name.startsWith("-");
            String wanted = descending ? name.substring(1) : name;
            Arrays.stream(SortKey.Field.values())
                    .filter(field -> field.name().equalsIgnoreCase(wanted) || field.property.equals(wanted))
                    .findFirst()
                    .ifPresentOrElse(
                            field -> keys.add(new SortKey(field, descending)),
                            () -> input.fail(
                                    "sort",
                                    "cannot sort by '" + wanted + "'; sort by "
                                            + Arrays.stream(SortKey.Field.values())
                                                    .map(field -> field.name().toLowerCase(Locale.ROOT))
                                                    .toList()));
        }
        return keys;
    }
}
