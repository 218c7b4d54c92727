package org.csirtdesk.finding.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.finding.control.Findings;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureEvent;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.ExposureState;
import org.csirtdesk.finding.entity.Finding;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.platform.boundary.Input;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What monitoring found: findings, the exposures of sites derived from them, and the vulnerabilities. */
@RequestScoped
@RolesAllowed({"csirt", "coordinator"})
@Path("")
@Tag(name = "Findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    public record Page<T>(List<T> items, int page, int size, long total) {}

    @Inject
    Findings findings;

    @GET
    @Path("findings")
    @Operation(
            summary = "List findings",
            description = "Filters: source (alertmanager, pakiti, argo), site, "
                    + "vulnerability, host, open=true|false, known=false (sites GOCDB does not know). Sorted by vulnerability, "
                    + "site, host.")
    public Page<FindingView> findings(
            @QueryParam("source") String source,
            @QueryParam("site") String site,
            @QueryParam("vulnerability") String vulnerability,
            @QueryParam("host") String host,
            @QueryParam("open") String open,
            @QueryParam("known") String known,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        Source wanted = input.label("source", source, Source::parse, "one of alertmanager, pakiti, argo", null);
        String wantedHost = input.text("host", host, 255, false);
        Findings.FindingFilter filter = new Findings.FindingFilter(
                wanted,
                input.text("site", site, 100, false),
                upper(input.text("vulnerability", vulnerability, 64, false)),
                wantedHost == null ? null : wantedHost.toLowerCase(Locale.ROOT),
                input.bool("open", open),
                input.bool("known", known));
        Input.Paging paging = input.paging(page, size, 100);
        input.check();
        Findings.Page<Finding> found = findings.findings(filter, paging.offset(), paging.size());
        return new Page<>(
                found.items().stream().map(FindingView::of).toList(), paging.page(), paging.size(), found.total());
    }

    @GET
    @Path("exposures")
    @Operation(
            summary = "List exposures of sites to vulnerabilities",
            description =
                    "Filters: site, vulnerability, "
                            + "state (UNSEEN, VULNERABLE, CLEAR). Each lists its first " + ExposureView.HOSTS_LISTED
                            + " open hosts by name; "
                            + "openHosts counts them all, and GET /api/findings?site=&vulnerability=&open=true pages through them.")
    public Page<ExposureView> exposures(
            @QueryParam("site") String site,
            @QueryParam("vulnerability") String vulnerability,
            @QueryParam("state") String state,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        ExposureState wanted = input.choice("state", state, ExposureState.class, null);
        String wantedSite = input.text("site", site, 100, false);
        String wantedVulnerability = upper(input.text("vulnerability", vulnerability, 64, false));
        Input.Paging paging = input.paging(page, size, 100);
        input.check();
        Findings.Page<Exposure> found =
                findings.exposures(wantedSite, wantedVulnerability, wanted, paging.offset(), paging.size());
        Map<ExposureKey, List<String>> hosts =
                findings.openHosts(found.items().stream().map(Exposure::key).toList(), ExposureView.HOSTS_LISTED);
        return new Page<>(
                found.items().stream()
                        .map(exposure -> ExposureView.of(exposure, hosts.getOrDefault(exposure.key(), List.of())))
                        .toList(),
                paging.page(),
                paging.size(),
                found.total());
    }

    @GET
    @Path("vulnerabilities")
    @Operation(
            summary = "List the vulnerabilities monitoring reported",
            description = "Newest first, with the number "
                    + "of sites vulnerable now and the Incident Report that collects them.")
    public List<VulnerabilityView> vulnerabilities() {
        return findings.vulnerabilities().stream().map(VulnerabilityView::of).toList();
    }

    @GET
    @Path("vulnerabilities/{id}")
    @Operation(summary = "Read a vulnerability")
    public VulnerabilityView vulnerability(@PathParam("id") String id) {
        return VulnerabilityView.of(findings.vulnerability(id));
    }

    @GET
    @Path("vulnerabilities/{id}/events")
    @Operation(
            summary = "Sites turning vulnerable or clear",
            description = "Oldest first; site= narrows to one site. " + "Each lists the first "
                    + ExposureView.HOSTS_LISTED + " hosts open then by name, and hostCount counts them all.")
    public List<ExposureEventView> events(@PathParam("id") String id, @QueryParam("site") String site) {
        List<ExposureEvent> events =
                findings.events(findings.vulnerability(id).vulnerability().id(), Optional.ofNullable(site));
        Map<Long, Findings.EventHosts> hosts =
                findings.eventHosts(events.stream().map(ExposureEvent::id).toList(), ExposureView.HOSTS_LISTED);
        return events.stream()
                .map(event -> ExposureEventView.of(
                        event, hosts.getOrDefault(event.id(), new Findings.EventHosts(List.of(), 0))))
                .toList();
    }

    private static String upper(String vulnerability) {
        return vulnerability == null ? null : vulnerability.toUpperCase(Locale.ROOT);
    }
}
