package org.csirtdesk.report.entity;

import java.time.Instant;

/** A site's case whose final warning (SEC03-2.6) went out in the period. */
public record FinalWarning(
        long caseId, String site, long campaignId, String campaign, String vulnerabilities, Instant finalWarningAt) {}
