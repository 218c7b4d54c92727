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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.control.RegistryRefresh;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.control.SiteSettings;
import org.csirtdesk.site.control.StatusChanges;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.Ngi;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.site.entity.StatusChange;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sites and NGIs from the local copy of the registry, its refresh, and requests to change a site's status. */
@RequestScoped
@Path("sites")
@Tag(name = "Sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SitesResource {

    private static final String STATUSES = "one of GOCDB's statuses "
            + Arrays.stream(CertificationStatus.values())
                    .map(CertificationStatus::label)
                    .toList();

    /** One page of sites. */
    public record SitePage(List<SiteView> items, int page, int size, long total) {}

    /** The outcome of a refresh asked for now. */
    public record RefreshOutcome(long tookMillis, String summary, RegistryView registry) {}

    @Inject
    SiteDirectory directory;

    @Inject
    RegistryRefresh refresh;

    @Inject
    StatusChanges statusChanges;

    @Inject
    SiteSettings settings;

    @Inject
    ApplicationClock clock;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Timed(name = "sites.list", absolute = true)
    @Operation(
            summary = "List sites",
            description = "From the local copy: no call to GOCDB. Filters: NGI, "
                    + "certification status, part of the name, a host name the site runs; absent=true adds sites GOCDB no "
                    + "longer lists.")
    public SitePage list(
            @QueryParam("ngi") String ngi,
            @QueryParam("status") String status,
            @QueryParam("q") String text,
            @QueryParam("host") String host,
            @QueryParam("absent") String absent,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        CertificationStatus wanted = input.label("status", status, CertificationStatus::parse, STATUSES, null);
        String wantedNgi = input.text("ngi", ngi, 100, false);
        String wantedText = input.text("q", text, 100, false);
        String wantedHost = input.text("host", host, 255, false);
        Boolean withAbsent = input.bool("absent", absent);
        Input.Paging paging = input.paging(page, size, 50);
        input.check();
        Map<String, Ngi> ngis = directory.ngis().stream().collect(Collectors.toMap(Ngi::name, Function.identity()));
        if (host != null) {
            List<SiteView> found =
                    directory
                            .siteOfHost(wantedHost == null ? host : wantedHost)
                            .map(site -> view(site, ngis, false))
                            .stream()
                            .toList();
            return new SitePage(found, 1, paging.size(), found.size());
        }
        SiteDirectory.SitePage result = directory.search(
                wantedNgi, wanted, wantedText, Boolean.TRUE.equals(withAbsent), paging.offset(), paging.size());
        return new SitePage(
                result.sites().stream().map(site -> view(site, ngis, false)).toList(),
                paging.page(),
                paging.size(),
                result.total());
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Path("{name}")
    @Timed(name = "sites.read", absolute = true)
    @Operation(
            summary = "Read a site",
            description = "With every contact and host, and when GOCDB last confirmed each part.")
    @APIResponse(responseCode = "404", description = "No such site in the copy")
    public SiteView read(@PathParam("name") String name) {
        Site site = directory.get(name);
        return SiteView.of(site, directory.contactsOf(site, directory.ngi(site.ngi())), true);
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Path("refresh")
    @Operation(
            summary = "How fresh the copy is",
            description = "The last refresh: when, how long, what, and any error.")
    public RegistryView registry() {
        return RegistryView.of(registryName(), refresh.state(), clock.instant());
    }

    @POST
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Path("refresh")
    @Timed(name = "sites.refresh", absolute = true)
    @Operation(
            summary = "Refresh the copy from the registry now",
            description = "502 when the registry cannot be read: the copy is then kept as it was. 409 while another "
                    + "refresh runs.")
    @APIResponse(responseCode = "200", description = "Refreshed")
    @APIResponse(responseCode = "502", description = "The registry failed; nothing changed")
    public RefreshOutcome refreshNow() {
        RegistryRefresh.Outcome outcome = refresh.refreshNow();
        if (!outcome.refreshed()) {
            throw new DomainException(
                    DomainException.Kind.UPSTREAM_FAILED,
                    "the site registry could not be read; the " + "copy is kept as it was: "
                            + outcome.error().orElse("unknown error"));
        }
        return new RefreshOutcome(
                outcome.took().toMillis(),
                outcome.summary().map(s -> s.describe()).orElse(""),
                registry());
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Path("{name}/status-changes")
    @Operation(summary = "The site's certification status change requests, newest first")
    public List<StatusChangeView> statusChanges(@PathParam("name") String name) {
        directory.get(name);
        return statusChanges.list(name, null, 0, 500).stream()
                .map(change -> StatusChangeView.of(change, clock.instant()))
                .toList();
    }

    @POST
    @RolesAllowed("coordinator")
    @Path("{name}/status-changes")
    @Timed(name = "sites.status-change", absolute = true)
    @Operation(
            summary = "Ask for a change of the site's certification status in GOCDB",
            description = "GOCDB's rules are checked first (Suspended never goes straight to Certified; a reason of at "
                    + "most 300 characters). The request goes through the configured channel (portal form, the operators "
                    + "on duty, or the embedded registry) and is confirmed only when GOCDB shows the new status.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "suspension", value = """
            {"targetStatus": "Suspended", "reason": "EGI CSIRT: not patched against CVE-2024-1086 by the deadline", "ticket": 42}""")))
    @APIResponse(responseCode = "201", description = "Recorded; state says how far it got")
    @APIResponse(responseCode = "409", description = "GOCDB does not allow that change, or another request is open")
    public Response requestStatusChange(@PathParam("name") String name, NewStatusChange request, @Context UriInfo uri) {
        if (request == null) {
            throw DomainException.invalid("body", "a JSON object with targetStatus and reason is required");
        }
        Input input = new Input();
        CertificationStatus target =
                input.label("targetStatus", request.targetStatus(), CertificationStatus::parse, STATUSES);
        if (request.reason() == null || request.reason().isBlank()) {
            input.fail("reason", "is required: GOCDB records a reason with every status change");
        } else if (request.reason().strip().length() > StatusChange.MAX_REASON_LENGTH) {
            input.fail("reason", "longer than " + StatusChange.MAX_REASON_LENGTH + " characters, which GOCDB refuses");
        } else {
            input.text("reason", request.reason(), StatusChange.MAX_REASON_LENGTH, true);
        }
        input.check();
        StatusChange change =
                statusChanges.request(name, target, request.reason(), request.ticket(), Actors.of(security));
        return Response.created(uri.getBaseUriBuilder()
                        .path("status-changes")
                        .path(String.valueOf(change.id()))
                        .build())
                .entity(StatusChangeView.of(change, clock.instant()))
                .build();
    }

    private SiteView view(Site site, Map<String, Ngi> ngis, boolean detail) {
        return SiteView.of(site, directory.contactsOf(site, Optional.ofNullable(ngis.get(site.ngi()))), detail);
    }

    private String registryName() {
        return settings.embeddedRegistry() ? "embedded" : "gocdb";
    }
}
