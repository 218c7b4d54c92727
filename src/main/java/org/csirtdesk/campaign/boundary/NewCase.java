package org.csirtdesk.campaign.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A site CSIRT adds by hand to a campaign, and why. */
public record NewCase(
        @Schema(required = true, description = "the site's GOCDB name")
        String site,

        @Schema(required = true, maxLength = 1000) String reason) {}
