package org.csirtdesk.ticket.boundary;

import java.util.Arrays;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.entity.Status;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a status change: the target status, and why (kept in the history). */
public record StatusChange(
        @Schema(required = true) String status,
        @Schema(maxLength = 1024) String reason) {

    static final String STATUSES =
            "one of " + Arrays.stream(Status.values()).map(Status::label).toList();

    /** The status and the reason, read. */
    record Checked(Status status, String reason) {}

    Checked checked() {
        Input input = new Input();
        Status checkedStatus = input.label("status", status, Status::parse, STATUSES);
        String checkedReason = input.text("reason", reason, 1024, false);
        input.check();
        return new Checked(checkedStatus, checkedReason);
    }
}
