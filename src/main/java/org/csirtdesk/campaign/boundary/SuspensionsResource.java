package org.csirtdesk.campaign.boundary;

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
import java.util.List;
import org.csirtdesk.campaign.control.Suspensions;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The register of suspended sites (SEC03-4.5) and reinstatement (SEC03-4.6). */
@RequestScoped
@Path("suspensions")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SuspensionsResource {

    /** Which entries of the register: those in force, or all, past ones too. */
    private enum Register {
        IN_FORCE,
        ALL
    }

    @Inject
    Suspensions suspensions;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Operation(summary = "The register of suspended sites", description = "state=all gives past suspensions too.")
    public List<SuspensionView> register(
            @QueryParam("state") String state,
            @QueryParam("site") String site,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        Register wanted = input.choice("state", state, Register.class, Register.IN_FORCE);
        String wantedSite = input.text("site", site, 100, false);
        Input.Paging paging = input.paging(page, size, 100);
        input.check();
        return suspensions.register(wanted == Register.IN_FORCE, wantedSite, paging.offset(), paging.size()).stream()
                .map(SuspensionView::of)
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Path("{id}")
    @Operation(summary = "Read an entry of the register")
    public SuspensionView read(@PathParam("id") long id) {
        return SuspensionView.of(suspensions.find(id));
    }

    @POST
    @RolesAllowed("rod")
    @Path("{id}/reinstatement-request")
    @Operation(summary = "A ROD asks for the site back (SEC03-4.6)")
    public SuspensionView request(@PathParam("id") long id, ReinstatementRequest body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String contact = input.email("contact", body == null ? null : body.contact(), true);
        String request = input.text("request", body == null ? null : body.request(), 2000, true);
        input.check();
        return SuspensionView.of(suspensions.requestReinstatement(id, contact, request, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/verification")
    @Operation(
            summary = "CSIRT's verification of the site (SEC03-4.6)",
            description = "approve=true asks GOCDB for " + "Uncertified (never Certified); either way the ROD is told.")
    public SuspensionView verify(@PathParam("id") long id, Verification body) {
        String actor = Actors.of(security);
        Input input = new Input();
        if (body == null || body.approve() == null) {
            input.fail("approve", "is required: true or false");
        }
        String note = input.text("note", body == null ? null : body.note(), 2000, true);
        input.check();
        return SuspensionView.of(suspensions.verify(id, body.approve(), note, actor));
    }
}
