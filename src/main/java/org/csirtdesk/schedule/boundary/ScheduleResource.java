package org.csirtdesk.schedule.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.csirtdesk.schedule.control.Heartbeat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this instance's heartbeat has done: when it last beat, what an idle beat cost, how many steps it ran. */
@RequestScoped
@Path("schedule")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    Heartbeat heartbeat;

    @GET
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Operation(summary = "This instance's heartbeat")
    public Heartbeat.Stats stats() {
        return heartbeat.stats();
    }
}
