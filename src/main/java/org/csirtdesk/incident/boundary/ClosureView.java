package org.csirtdesk.incident.boundary;

import java.time.Instant;
import org.csirtdesk.incident.entity.ClosureReport;

/** A closure report as sent; the attachment, if any, is at {@code attachmentUrl}. */
public record ClosureView(
        long id,
        Instant closedAt,
        String closedBy,
        String tlp,
        String report,
        String attachment,
        String attachmentType,
        String attachmentUrl) {

    static ClosureView of(ClosureReport closure) {
        return new ClosureView(
                closure.id(),
                closure.closedAt(),
                closure.closedBy(),
                closure.tlp().name(),
                closure.report(),
                closure.attachmentName(),
                closure.attachmentType(),
                closure.hasAttachment()
                        ? "/api/incidents/" + closure.incidentId() + "/closures/" + closure.id() + "/attachment"
                        : null);
    }
}
