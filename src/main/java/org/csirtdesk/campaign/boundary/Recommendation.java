package org.csirtdesk.campaign.boundary;

/** CSIRT's recommendation on suspending a site, with its reason. */
public record Recommendation(Boolean suspend, String reason) {}
