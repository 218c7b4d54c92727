package org.csirtdesk.finding.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.csirtdesk.finding.control.AlertmanagerWebhook;
import org.csirtdesk.finding.control.ArgoEvents;
import org.csirtdesk.finding.control.Intake;
import org.csirtdesk.finding.control.PakitiCsv;
import org.csirtdesk.finding.entity.IngestSummary;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.platform.control.ApplicationClock;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where monitoring posts, each source with its own token (see {@link MonitoringTokens}). A report is stored in
 * one transaction: its good items all, or, on a server failure (5xx), none, so that a sender that retries
 * (Alertmanager does) stores each item once.
 */
@RequestScoped
@PermitAll
@Path("alerts")
@Tag(name = "Monitoring")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private static final String BATCH_POLICY = " An item that cannot be read is refused and listed under rejected "
            + "with its index and reason; the others are stored. When no item can be stored the answer is 400 and "
            + "nothing is. 5xx only when nothing was stored.";

    @Inject
    AlertmanagerWebhook alertmanager;

    @Inject
    PakitiCsv pakiti;

    @Inject
    ArgoEvents argo;

    @Inject
    Intake intake;

    @Inject
    ApplicationClock clock;

    @POST
    @Path("alertmanager")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "alerts.alertmanager", absolute = true)
    @Operation(
            summary = "Prometheus Alertmanager's webhook (version 4)",
            description = "Firing alerts find, resolved "
                    + "alerts clear; the fingerprint and the labels (configurable) identify the finding."
                    + BATCH_POLICY)
    @APIResponse(responseCode = "200", description = "Stored; the summary says what changed")
    @APIResponse(responseCode = "400", description = "Not a version 4 webhook, or no alert could be stored")
    @APIResponse(responseCode = "401", description = "No Alertmanager token, or a wrong one")
    public IngestSummary alertmanager(byte[] body) {
        return intake.ingest(Source.ALERTMANAGER, alertmanager.parse(body, clock.instant()));
    }

    @POST
    @Path("pakiti")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Timed(name = "alerts.pakiti", absolute = true)
    @Operation(
            summary = "Pakiti's hosts CSV",
            description = "Header tag,cve,site,host,os,arch,last_report; only rows "
                    + "with a configured tag count. A snapshot: a host of a site and CVE the report lists, that the report "
                    + "does not list, is clear. site=<name> (repeatable) says the report covers that whole site, so its "
                    + "hosts missing from the report are clear even when the site has no row at all. A bad row keeps its "
                    + "site out of that rule." + BATCH_POLICY)
    @APIResponse(responseCode = "200", description = "Stored; the summary says what changed")
    @APIResponse(responseCode = "400", description = "Not a readable CSV, a missing column, or no row could be stored")
    public IngestSummary pakiti(byte[] body, @QueryParam("site") List<String> sites) {
        return intake.ingest(Source.PAKITI, pakiti.parse(body, sites, clock.instant()));
    }

    @POST
    @Path("argo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "alerts.argo", absolute = true)
    @Operation(
            summary = "ARGO status events",
            description = "One event or an array. endpoint_group is the site, the "
                    + "CVE is in the metric name; CRITICAL finds, OK clears, other statuses are ignored."
                    + BATCH_POLICY)
    @APIResponse(responseCode = "200", description = "Stored; the summary says what changed")
    public IngestSummary argo(byte[] body) {
        return intake.ingest(Source.ARGO, argo.parse(body, clock.instant()));
    }
}
