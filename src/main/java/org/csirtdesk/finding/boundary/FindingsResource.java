package org.csirtdesk.finding.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
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
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What monitoring found: findings, the exposures of sites derived from them, and the vulnerabilities. */
@RequestScoped
@RolesAllowed({"csirt", "coordinator"})
@Path("")
@Tag(name = "Findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    @Inject
    Findings findings;

    @GET
    @Path("findings")
    @Operation(summary = "List findings", description = "Filters: source (alertmanager, pakiti, argo), site, "
            + "vulnerability, host, open=true|false, known=false (sites GOCDB does not know). Sorted by vulnerability, "
            + "site, host.")
    public Page<FindingView> findings(@QueryParam("source") String source, @QueryParam("site") String site,
                                      @QueryParam("vulnerability") String vulnerability, @QueryParam("host") String host,
                                      @QueryParam("open") Boolean open, @QueryParam("known") Boolean known,
                                      @QueryParam("page") @DefaultValue("1") int page,
                                      @QueryParam("size") @DefaultValue("100") int size) {
        List<FieldError> errors = paging(page, size);
        Source wanted = source == null ? null : Source.parse(source).orElse(null);
        if (source != null && wanted == null) {
            errors.add(new FieldError("source", "is one of alertmanager, pakiti, argo"));
        }
        refuse(errors);
        Findings.Page<Finding> found = findings.findings(new Findings.FindingFilter(wanted, site,
                upper(vulnerability), host == null ? null : host.strip().toLowerCase(Locale.ROOT), open, known), (page - 1) * size, size);
        return new Page<>(found.items().stream().map(FindingView::of).toList(), page, size, found.total());
    }

    @GET
    @Path("exposures")
    @Operation(summary = "List exposures of sites to vulnerabilities", description = "Filters: site, vulnerability, "
            + "state (UNSEEN, VULNERABLE, CLEAR). Each lists its first " + ExposureView.HOSTS_LISTED + " open hosts by name; "
            + "openHosts counts them all, and GET /api/findings?site=&vulnerability=&open=true pages through them.")
    public Page<ExposureView> exposures(@QueryParam("site") String site, @QueryParam("vulnerability") String vulnerability,
                                        @QueryParam("state") String state, @QueryParam("page") @DefaultValue("1") int page,
                                        @QueryParam("size") @DefaultValue("100") int size) {
        List<FieldError> errors = paging(page, size);
        ExposureState wanted = null;
        if (state != null) {
            try {
                wanted = ExposureState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "is one of UNSEEN, VULNERABLE, CLEAR"));
            }
        }
        refuse(errors);
        Findings.Page<Exposure> found = findings.exposures(site, upper(vulnerability), wanted,
                (page - 1) * size, size);
        Map<ExposureKey, List<String>> hosts = findings.openHosts(found.items().stream().map(Exposure::key).toList(),
                ExposureView.HOSTS_LISTED);
        return new Page<>(found.items().stream().map(exposure -> ExposureView.of(exposure, hosts.getOrDefault(exposure.key(),
                List.of()))).toList(), page, size, found.total());
    }

    @GET
    @Path("vulnerabilities")
    @Operation(summary = "List the vulnerabilities monitoring reported", description = "Newest first, with the number "
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
    @Operation(summary = "Sites turning vulnerable or clear", description = "Oldest first; site= narrows to one site. "
            + "Each lists the first " + ExposureView.HOSTS_LISTED + " hosts open then by name, and hostCount counts them all.")
    public List<ExposureEventView> events(@PathParam("id") String id, @QueryParam("site") String site) {
        List<ExposureEvent> events = findings.events(findings.vulnerability(id).vulnerability().id(), Optional.ofNullable(site));
        Map<Long, Findings.EventHosts> hosts = findings.eventHosts(events.stream().map(ExposureEvent::id).toList(),
                ExposureView.HOSTS_LISTED);
        return events.stream().map(event -> ExposureEventView.of(event, hosts.getOrDefault(event.id(),
                new Findings.EventHosts(List.of(), 0)))).toList();
    }

    private static List<FieldError> paging(int page, int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 1) {
            errors.add(new FieldError("page", "must be 1 or more"));
        }
        if (size < 1 || size > 1000) {
            errors.add(new FieldError("size", "must be from 1 to 1000"));
        }
        return errors;
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private static String upper(String vulnerability) {
        return vulnerability == null ? null : vulnerability.strip().toUpperCase(Locale.ROOT);
    }
}
