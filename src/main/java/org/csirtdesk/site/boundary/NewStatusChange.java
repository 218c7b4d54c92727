package org.csirtdesk.site.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to change a site's certification status in GOCDB. */
public record NewStatusChange(
        @Schema(required = true, example = "Suspended") String targetStatus,
        @Schema(required = true, maxLength = 300) String reason,

        @Schema(description = "the ticket the change belongs to")
        Long ticket) {}
