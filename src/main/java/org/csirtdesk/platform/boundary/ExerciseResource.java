package org.csirtdesk.platform.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.csirtdesk.platform.control.ExerciseClock;
import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The exercise mode's clock: read it, move it forward. Refused (403) unless EXERCISE_MODE=true. */
@RequestScoped
@Path("exercise/clock")
@Tag(name = "Exercise")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExerciseResource {

    /** A move: by a duration ({@code PT24H}, {@code P3D}) or to a time; one of the two. */
    public record ClockMove(String advanceBy, String to) {}

    /** The clock: the application's time, how far it runs ahead of the real time, who moved it last. */
    public record ClockView(boolean exerciseMode, Instant now, String ahead, Instant movedAt, String movedBy) {

        static ClockView of(ExerciseClock.State state) {
            return new ClockView(
                    state.enabled(), state.now(), state.ahead().toString(), state.movedAt(), state.movedBy());
        }
    }

    @Inject
    ExerciseClock clock;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod", "admin"})
    @Operation(
            summary = "Read the application's clock",
            description = "Its time and how far the exercise mode has " + "moved it ahead of the real time.")
    public ClockView read() {
        return ClockView.of(clock.state());
    }

    @POST
    @RolesAllowed({"csirt", "admin"})
    @Operation(
            summary = "Move the clock forward (exercise mode only)",
            description = "Body {\"advanceBy\": \"P1D\"} "
                    + "or {\"to\": \"2026-12-01T09:00:00Z\"}. Time never goes back; at most 366 days at a time.")
    @APIResponse(responseCode = "200", description = "Moved")
    @APIResponse(responseCode = "403", description = "The application does not run in exercise mode")
    @APIResponse(responseCode = "409", description = "The time given is not after the application's time")
    public ClockView move(ClockMove move) {
        if (move == null || (move.advanceBy() == null) == (move.to() == null)) {
            throw DomainException.invalid(
                    "advanceBy", "give either advanceBy (a duration such as PT24H) or to (a time)");
        }
        String actor = Actors.of(security);
        if (move.advanceBy() != null) {
            try {
                return ClockView.of(
                        clock.advance(Duration.parse(move.advanceBy().strip()), actor));
            } catch (DateTimeParseException e) {
                throw DomainException.invalid(
                        "advanceBy", "'" + move.advanceBy() + "' is not an ISO-8601 duration such as PT24H or P3D");
            }
        }
        Input input = new Input();
        Instant to = input.instant("to", move.to(), true);
        input.check();
        return ClockView.of(clock.advanceTo(to, actor));
    }
}
