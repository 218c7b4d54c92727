package org.csirtdesk.campaign.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import jakarta.ws.rs.ext.Providers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.csirtdesk.campaign.control.CampaignFigures;
import org.csirtdesk.campaign.control.Campaigns;
import org.csirtdesk.campaign.control.Decisions;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CampaignDraft;
import org.csirtdesk.campaign.entity.TimelineEntry;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Tlp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns (SEC03): draft, preview, heads-up, start, close; their timeline and their cases. */
@RequestScoped
@Path("campaigns")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    private static final Pattern VULNERABILITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{1,63}");
    /** 15 ids of 64 characters, comma-separated, fill the incident's Description field (1,024 characters). */
    static final int MAX_VULNERABILITIES = 15;

    @Inject
    Campaigns campaigns;

    @Inject
    Decisions decisions;

    @Inject
    CampaignFigures figures;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    Providers providers;

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Operation(
            summary = "Draft a campaign",
            description = "Creates its Incident and a case for each site monitoring shows "
                    + "vulnerable (and each site named by hand). Nothing is sent until the start.")
    public Response create(NewCampaign body) {
        String actor = Actors.of(security);
        Campaigns.Created created = campaigns.create(draft(body), actor);
        Campaign campaign = created.campaign();
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(String.valueOf(campaign.id()))
                        .build())
                .entity(CampaignView.of(campaign, campaigns.caseCounts(campaign.id()), created.unknownSites()))
                .build();
    }

    @PUT
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}")
    @Operation(summary = "Revise a draft", description = "If-Match: the version read.")
    public CampaignView revise(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, NewCampaign body) {
        String actor = Actors.of(security);
        Long version = Input.requiredIfMatch(ifMatch, "campaign #" + id).orElse(null);
        return view(campaigns.revise(id, draft(body), version, actor));
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(summary = "List campaigns, newest first")
    public List<CampaignView> list(
            @QueryParam("state") String state, @QueryParam("page") String page, @QueryParam("size") String size) {
        Input input = new Input();
        Campaign.State wanted = input.choice("state", state, Campaign.State.class, null);
        Input.Paging paging = input.paging(page, size, 50);
        input.check();
        return campaigns.list(wanted, paging.offset(), paging.size()).items().stream()
                .map(this::view)
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}")
    @Operation(summary = "Read a campaign")
    public CampaignView read(@PathParam("id") long id) {
        return view(campaigns.find(id));
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}/timeline")
    @Operation(
            summary = "Every step with its date and time",
            description =
                    "Before the start: the preview of what starting "
                            + "now plans. After: the schedule, with how many cases each step is planned, done, skipped or cancelled for.")
    public List<TimelineEntry> timeline(@PathParam("id") long id) {
        return campaigns.timeline(id);
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}/cases")
    @Operation(summary = "The campaign's cases, by site")
    public List<CaseView> cases(
            @PathParam("id") long id,
            @QueryParam("state") String state,
            @QueryParam("site") String site,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        CampaignCase.State wanted = input.choice("state", state, CampaignCase.State.class, null);
        Input.Paging paging = input.paging(page, size, 100);
        input.check();
        campaigns.find(id);
        return decisions.casesOf(id, wanted, site, paging.offset(), paging.size()).stream()
                .map(CaseView::of)
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}/exposure")
    @Operation(
            summary = "The campaign's figures for charts",
            description = "days: how many of its sites were vulnerable at "
                    + "the end of each day (the CSIRT's time zone), from monitoring's first change to today; ngis: its cases per NGI "
                    + "(all, vulnerable now, open, suspended, resolved).")
    public CampaignFigures.Exposure exposure(@PathParam("id") long id) {
        return figures.exposure(id);
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Path("{id}/case-lines")
    @Operation(
            summary = "The campaign's case table",
            description = "Each case with its site's NGI and its latest event; " + "filters: state, site, ngi.")
    public List<CaseLineView> caseLines(
            @PathParam("id") long id,
            @QueryParam("state") String state,
            @QueryParam("site") String site,
            @QueryParam("ngi") String ngi,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        CampaignCase.State wanted = input.choice("state", state, CampaignCase.State.class, null);
        String wantedSite = input.text("site", site, 100, false);
        String wantedNgi = input.text("ngi", ngi, 100, false);
        Input.Paging paging = input.paging(page, size, 500);
        input.check();
        return figures.caseTable(id, wanted, wantedSite, wantedNgi, paging.offset(), paging.size()).stream()
                .map(CaseLineView::of)
                .toList();
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/cases")
    @Operation(
            summary = "Add a site to the campaign by hand",
            description = "For a draft or started campaign; a started one "
                    + "plans the new case at once (the advisory's path before the tickets, else 48 hours, SEC03-3.1). 409 if the "
                    + "site has a case already.")
    public Response addCase(@PathParam("id") long id, NewCase body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String site = input.text("site", body == null ? null : body.site(), 100, true);
        String reason = input.text("reason", body == null ? null : body.reason(), 1000, true);
        input.check();
        CaseView added = CaseView.of(campaigns.addSite(id, site, reason, actor));
        return Response.created(uri.getBaseUriBuilder()
                        .path("cases")
                        .path(String.valueOf(added.id()))
                        .build())
                .entity(added)
                .build();
    }

    @POST
    @RolesAllowed({"omb", "csirt"})
    @Path("{id}/omb-authorisation")
    @Operation(summary = "Record the OMB's authorisation of an action that stops a service (SEC03-2.2)")
    public CampaignView authorise(@PathParam("id") long id, Reasoned body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String note = input.text("reason", body == null ? null : body.reason(), 1000, true);
        input.check();
        return view(campaigns.authoriseByOmb(id, note, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/heads-up")
    @Operation(summary = "Send the optional heads-up (SEC03-2.1)")
    public CampaignView headsUp(@PathParam("id") long id, HeadsUp body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String information =
                input.text("publicInformation", body == null ? null : body.publicInformation(), 2000, true);
        input.check();
        return view(campaigns.headsUp(id, information, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/start")
    @Operation(
            summary = "Send the advisory and start the schedule",
            description = "Refused without a recommended action, "
                    + "or without the OMB's authorisation when the action stops a service (SEC03-2.2). The optional reason "
                    + "goes into the Incident's history.")
    public CampaignView start(@PathParam("id") long id, String text) {
        String actor = Actors.of(security);
        // The body is optional: clients written before the reason existed post nothing, which JSON-B cannot read.
        Reasoned body = text == null || text.isBlank()
                ? null
                : providers
                        .getContextResolver(Jsonb.class, MediaType.APPLICATION_JSON_TYPE)
                        .getContext(Reasoned.class)
                        .fromJson(text, Reasoned.class);
        Input input = new Input();
        String reason = input.text("reason", body == null ? null : body.reason(), 1000, false);
        input.check();
        return view(campaigns.start(id, reason, actor));
    }

    @POST
    @RolesAllowed({"csirt", "coordinator"})
    @Path("{id}/close")
    @Operation(summary = "Close the campaign", description = "Refused while cases of a started campaign are open.")
    public CampaignView close(@PathParam("id") long id, Reasoned body) {
        String actor = Actors.of(security);
        Input input = new Input();
        String reason = input.text("reason", body == null ? null : body.reason(), 1000, true);
        input.check();
        return view(campaigns.close(id, reason, actor));
    }

    private CampaignView view(Campaign campaign) {
        return CampaignView.of(campaign, campaigns.caseCounts(campaign.id()), List.of());
    }

    private static CampaignDraft draft(NewCampaign body) {
        if (body == null) {
            throw DomainException.invalid("body", "a campaign is required");
        }
        Input input = new Input();
        String title = input.text("title", body.title(), 200, true);
        Set<String> vulnerabilities = new LinkedHashSet<>();
        if (body.vulnerabilities() == null || body.vulnerabilities().isEmpty()) {
            input.fail("vulnerabilities", "name at least one vulnerability, e.g. CVE-2026-1234");
        } else if (body.vulnerabilities().size() > MAX_VULNERABILITIES) {
            // They are joined into the incident's Description (1,024 characters) and each case's hosts line.
            input.fail(
                    "vulnerabilities",
                    "a campaign handles at most " + MAX_VULNERABILITIES + " vulnerabilities, not "
                            + body.vulnerabilities().size() + "; split them into several campaigns");
        } else {
            for (int i = 0; i < body.vulnerabilities().size(); i++) {
                String vulnerability = body.vulnerabilities().get(i);
                if (vulnerability == null
                        || !VULNERABILITY.matcher(vulnerability.strip()).matches()) {
                    input.fail(
                            "vulnerabilities[" + i + "]",
                            "'" + vulnerability + "' is not a vulnerability id such as CVE-2026-1234");
                } else {
                    vulnerabilities.add(vulnerability.strip().toUpperCase());
                }
            }
        }
        String advisory = input.text("advisory", body.advisory(), 100_000, true);
        String link = input.text("advisoryLink", body.advisoryLink(), 500, false);
        if (link != null && !link.matches("https?://\\S+")) {
            input.fail("advisoryLink", "must be an http(s) URL");
        }
        String action = input.text("recommendedAction", body.recommendedAction(), 10_000, false);
        Campaign.Scope scope = input.choice("scope", body.scope(), Campaign.Scope.class, Campaign.Scope.WIDESPREAD);
        Tlp tlp = input.label("tlp", body.tlp(), Tlp::parse, Tlp.LABELS, Tlp.AMBER);
        List<String> sites = new ArrayList<>();
        if (body.sites() != null) {
            for (int i = 0; i < body.sites().size(); i++) {
                String site = input.text("sites[" + i + "]", body.sites().get(i), 100, true);
                if (site != null) {
                    sites.add(site);
                }
            }
        }
        Instant deadline = input.instant("deadline", body.deadline(), false);
        input.check();
        return new CampaignDraft(
                title,
                vulnerabilities,
                advisory,
                link,
                action,
                Boolean.TRUE.equals(body.severeInterruption()),
                scope,
                tlp,
                deadline,
                sites,
                body.incidentReport());
    }
}
