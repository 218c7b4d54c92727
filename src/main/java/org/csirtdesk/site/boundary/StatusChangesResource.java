package org.csirtdesk.site.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.control.StatusChanges;
import org.csirtdesk.site.entity.StatusChange;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Certification status change requests across sites: the open ones with their age, and each one's course. */
@RequestScoped
@Path("status-changes")
@Tag(name = "Sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StatusChangesResource {

    @Inject
    StatusChanges statusChanges;

    @Inject
    ApplicationClock clock;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Operation(
            summary = "List status change requests, newest first",
            description = "state=open gives those still waiting for GOCDB, with their age.")
    public List<StatusChangeView> list(
            @QueryParam("state") String state,
            @QueryParam("site") String site,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        boolean open = state != null && state.strip().equalsIgnoreCase("open");
        StatusChange.State wanted = open
                ? null
                : input.label(
                        "state",
                        state,
                        text -> Arrays.stream(StatusChange.State.values())
                                .filter(candidate -> candidate.name().equalsIgnoreCase(text))
                                .findFirst(),
                        "open or one of "
                                + Arrays.stream(StatusChange.State.values())
                                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                                        .toList(),
                        null);
        String wantedSite = input.text("site", site, 100, false);
        Input.Paging paging = input.paging(page, size, 50);
        input.check();
        List<StatusChange> changes;
        if (open) {
            changes = statusChanges.open().stream()
                    .filter(change -> wantedSite == null || change.site().name().equals(wantedSite))
                    .skip(paging.offset())
                    .limit(paging.size())
                    .toList();
        } else {
            changes = statusChanges.list(wantedSite, wanted, paging.offset(), paging.size());
        }
        return changes.stream()
                .map(change -> StatusChangeView.of(change, clock.instant()))
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Path("{id}")
    @Operation(summary = "Read a status change request")
    public StatusChangeView read(@PathParam("id") long id) {
        return StatusChangeView.of(statusChanges.get(id), clock.instant());
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/check")
    @Operation(summary = "Read the status back from GOCDB now", description = "Confirms the request if GOCDB shows it.")
    public StatusChangeView check(@PathParam("id") long id) {
        statusChanges.submit(id);
        statusChanges.check(id);
        return read(id);
    }

    @POST
    @RolesAllowed("coordinator")
    @Path("{id}/withdraw")
    @Operation(
            summary = "Withdraw an open request",
            description = "The operators on duty are told, if they were asked.")
    public StatusChangeView withdraw(@PathParam("id") long id, Withdrawal withdrawal) {
        Input input = new Input();
        String reason = input.text("reason", withdrawal == null ? null : withdrawal.reason(), 1000, false);
        input.check();
        return StatusChangeView.of(statusChanges.withdraw(id, reason, Actors.of(security)), clock.instant());
    }
}
