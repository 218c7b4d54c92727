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
import java.time.Instant;
import java.util.List;
import org.csirtdesk.campaign.control.CampaignFigures;
import org.csirtdesk.campaign.control.Decisions;
import org.csirtdesk.campaign.control.Suspensions;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One site's case: its record, and the decisions people take on it, each with its reason and role. */
@RequestScoped
@Path("cases")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CasesResource {

    private static final int REASON = 1000;

    @Inject
    Decisions decisions;

    @Inject
    Suspensions suspensions;

    @Inject
    CampaignFigures figures;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(
            summary = "A site's cases in every campaign",
            description = "site= is required; newest campaign first, each "
                    + "with the site's NGI and the case's latest event.")
    public List<CaseLineView> ofSite(@QueryParam("site") String site) {
        Input input = new Input();
        String wanted = input.text("site", site, 100, true);
        input.check();
        return figures.casesOfSite(wanted).stream().map(CaseLineView::of).toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}")
    @Operation(summary = "Read a case")
    public CaseView read(@PathParam("id") long id) {
        return CaseView.of(decisions.find(id));
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}/events")
    @Operation(summary = "What happened to the case, and who did it")
    public List<CaseEventView> events(@PathParam("id") long id) {
        decisions.find(id);
        return decisions.events(id).stream().map(CaseEventView::of).toList();
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/extension")
    @Operation(summary = "Extend the site's deadline (SEC03-4.3)", description = "requestedBy: csirt or omb.")
    public CaseView extend(@PathParam("id") long id, Extension body) {
        String actor = Actors.of(security);
        Input input = new Input();
        Instant deadline = input.instant("deadline", body == null ? null : body.deadline(), true);
        Decisions.ExtensionBy by = input.choice(
                "requestedBy",
                body == null ? null : body.requestedBy(),
                Decisions.ExtensionBy.class,
                Decisions.ExtensionBy.CSIRT);
        String reason = input.text("reason", body == null ? null : body.reason(), REASON, true);
        input.check();
        return CaseView.of(decisions.extend(id, deadline, by, reason, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/acceptance")
    @Operation(
            summary = "Accept the site's explanation (SEC03-7)",
            description = "reason: own_rebuild, vendor_action, "
                    + "agreed_action or not_vulnerable. The case resolves and the site is thanked.")
    public CaseView accept(@PathParam("id") long id, Acceptance body) {
        String actor = Actors.of(security);
        Input input = new Input();
        Resolution reason = input.choice("reason", body == null ? null : body.reason(), Resolution.class);
        String explanation = input.text("explanation", body == null ? null : body.explanation(), 2000, true);
        input.check();
        return CaseView.of(decisions.accept(id, reason, explanation, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/recommendation")
    @Operation(summary = "Record whether CSIRT recommends suspending the site")
    public CaseView recommend(@PathParam("id") long id, Recommendation body) {
        String actor = Actors.of(security);
        Input input = new Input();
        if (body == null || body.suspend() == null) {
            input.fail("suspend", "is required: true or false");
        }
        String reason = input.text("reason", body == null ? null : body.reason(), REASON, true);
        input.check();
        return CaseView.of(decisions.recommend(id, body.suspend(), reason, actor));
    }

    @POST
    @RolesAllowed("omb")
    @Path("{id}/veto")
    @Operation(summary = "Record the veto of the OMB or the COO (SEC03-4.4)", description = "by: omb or coo.")
    public CaseView veto(@PathParam("id") long id, Veto body) {
        String actor = Actors.of(security);
        Input input = new Input();
        CampaignCase.VetoBy by = input.choice("by", body == null ? null : body.by(), CampaignCase.VetoBy.class);
        String reason = input.text("reason", body == null ? null : body.reason(), REASON, true);
        input.check();
        return CaseView.of(decisions.veto(id, by, reason, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/site-response")
    @Operation(summary = "Record what the site said (SEC03-2.7)", description = "The case waits for CSIRT's answer.")
    public CaseView siteResponded(@PathParam("id") long id, SiteResponse body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String statement = input.text("statement", body == null ? null : body.statement(), 10_000, false);
        String plan = input.text("plan", body == null ? null : body.plan(), 10_000, false);
        if (statement == null && plan == null) {
            input.fail("statement", "give the site's statement, its plan, or both");
        }
        input.check();
        return CaseView.of(decisions.siteResponded(id, statement, plan, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/answer")
    @Operation(summary = "Answer the site on its ticket")
    public CaseView answer(@PathParam("id") long id, Answer body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String content = input.text("content", body == null ? null : body.content(), 100_000, true);
        input.check();
        return CaseView.of(decisions.answer(id, content, actor));
    }

    @POST
    @RolesAllowed("coordinator")
    @Path("{id}/suspension")
    @Operation(
            summary = "Confirm the suspension (coordinator, SEC03-4.5)",
            description = "Only for a case waiting at its "
                    + "deadline with CSIRT's recommendation, no veto, and the notices of SEC03-5.4.")
    public SuspensionView confirm(@PathParam("id") long id, Reasoned body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String reason = input.text("reason", body == null ? null : body.reason(), 2000, true);
        input.check();
        return SuspensionView.of(suspensions.confirm(id, reason, actor));
    }
}
