package org.csirtdesk.report.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.csirtdesk.report.control.ActivityReports;
import org.csirtdesk.report.entity.ActivityReport;
import org.csirtdesk.report.entity.Period;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The statistics the CSIRT reports (docs/reports.md): the activity of a period as JSON or CSV. {@code from} and
 * {@code to} are days (YYYY-MM-DD, both included) in the CSIRT's time zone; by default the six months up to today.
 */
@RequestScoped
@Path("reports")
@Tag(name = "Reports")
public class ReportsResource {

    static final String CSV = "text/csv";

    @Inject
    ActivityReports reports;

    @GET
    @Path("activity")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(
            summary = "The activity report of a period, as JSON",
            description = "Accept: text/csv gives the same as CSV. 400 naming the field for a date that is not "
                    + "YYYY-MM-DD, a 'to' before 'from', or a period over 5 years.")
    public ActivityReport activity(@QueryParam("from") String from, @QueryParam("to") String to) {
        return report(from, to);
    }

    @GET
    @Path("activity.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(summary = "The activity report of a period, as a JSON file to download")
    public Response activityJsonFile(@QueryParam("from") String from, @QueryParam("to") String to) {
        ActivityReport report = report(from, to);
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(report, "json"))
                .build();
    }

    @GET
    @Path("activity")
    @Produces(CSV + ";qs=0.5")
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(summary = "The activity report of a period, as CSV (Accept: text/csv)")
    public Response activityCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(report(from, to));
    }

    @GET
    @Path("activity.csv")
    @Produces(CSV)
    @RolesAllowed({"csirt", "coordinator", "omb"})
    @Operation(summary = "The activity report of a period, as a CSV file to download")
    public Response activityCsvFile(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(report(from, to));
    }

    private ActivityReport report(String from, String to) {
        Period period = reports.period(from, to);
        return reports.report(period);
    }

    private static Response csv(ActivityReport report) {
        return Response.ok(ActivityCsv.of(report), CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(report, "csv"))
                .build();
    }

    private static String attachment(ActivityReport report, String extension) {
        return "attachment; filename=\"csirt-activity-" + report.from() + "-to-" + report.to() + "." + extension + "\"";
    }
}
