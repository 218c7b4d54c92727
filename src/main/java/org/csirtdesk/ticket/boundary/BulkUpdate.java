package org.csirtdesk.ticket.boundary;

import java.util.ArrayList;
import java.util.List;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.BulkChange;
import org.csirtdesk.ticket.control.TicketChanges.Change;
import org.csirtdesk.ticket.entity.Status;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/tickets/bulk}: the tickets and what to do to each of them. */
@Schema(description = "A change to 1 to 200 tickets at once: any of owner, status with its reason, comment.")
public record BulkUpdate(
        @Schema(required = true, minItems = 1, maxItems = MAX_TICKETS)
        List<Long> ids,

        @Schema(description = "the new owner; \"\" for nobody; absent or null leaves the owners", maxLength = 190)
        String owner,

        @Schema(description = "the new status, along each ticket's lifecycle")
        String status,

        @Schema(description = "why the status changes; required with status", maxLength = 1024)
        String reason,

        @Schema(description = "a comment for CSIRT added to each ticket", maxLength = 1_000_000)
        String comment) {

    static final int MAX_TICKETS = 200;

    /** Every field's error at once. */
    BulkChange checked() {
        Input input = new Input();
        List<Long> checkedIds = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            input.fail("ids", "name 1 to " + MAX_TICKETS + " tickets");
        } else if (!input.count("ids", ids, MAX_TICKETS)) {
            for (int i = 0; i < ids.size(); i++) {
                Long id = ids.get(i);
                if (id == null || id < 1) {
                    input.fail("ids[" + i + "]", "must be a ticket number");
                } else if (!checkedIds.contains(id)) {
                    checkedIds.add(id);
                }
            }
        }
        Change<String> checkedOwner = owner == null ? null : new Change<>(input.text("owner", owner, 190, false));
        Status checkedStatus =
                status == null ? null : input.label("status", status, Status::parse, StatusChange.STATUSES);
        String checkedReason = input.text("reason", reason, 1024, checkedStatus != null);
        if (checkedStatus == null && checkedReason != null) {
            input.fail("reason", "goes with a status: give the status too, or write a comment");
        }
        String checkedComment = input.text("comment", comment, 1_000_000, false);
        if (owner == null && status == null && checkedComment == null) {
            input.fail("owner", "say what to change: owner, status (with its reason) or comment");
        }
        input.check();
        return new BulkChange(
                checkedIds, checkedOwner, checkedStatus, checkedReason, checkedComment == null ? null : comment);
    }
}
