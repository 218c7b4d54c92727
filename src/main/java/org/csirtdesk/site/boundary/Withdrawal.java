package org.csirtdesk.site.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an open status change request is taken back. */
public record Withdrawal(
        @Schema(required = true, maxLength = 1000) String reason) {}
