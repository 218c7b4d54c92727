package org.csirtdesk.ticket.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a status change: the target status, and why (kept in the history). */
public record StatusChange(@Schema(required = true) String status, @Schema(maxLength = 1024) String reason) {

    String checkedReason() {
        Parse.Checks checks = new Parse.Checks();
        checks.required("status", status);
        checks.text("reason", reason, 1024, false);
        checks.done();
        return Parse.blankToNull(reason);
    }
}
