package org.csirtdesk.campaign.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign as CSIRT drafts it, from an Incident Report or by hand. */
public record NewCampaign(
        @Schema(required = true, maxLength = 200) String title,

        @Schema(required = true, example = "[\"CVE-2026-1234\"]")
        List<String> vulnerabilities,

        @Schema(required = true, description = "the advisory's text")
        String advisory,

        @Schema(description = "where the advisory is published")
        String advisoryLink,

        @Schema(description = "what sites must do; required before the start (SEC03-2.2)")
        String recommendedAction,

        @Schema(description = "the action stops a service: the OMB authorises it first (SEC03-2.2)")
        Boolean severeInterruption,

        @Schema(description = "widespread (default) or individual (SEC03-2.3c)")
        String scope,

        @Schema(description = "TLP of the campaign's tickets and letters, default AMBER")
        String tlp,

        @Schema(description = "a deadline chosen by hand; default SEC03-2.3b's from the advisory time")
        String deadline,

        @Schema(description = "sites to add by hand to those monitoring finds")
        List<String> sites,

        @Schema(description = "the Incident Report the campaign comes from; it is linked")
        Long incidentReport) {}
