package org.csirtdesk.campaign.boundary;

/** SEC03-4.6: CSIRT's verification of a site a ROD wants back. */
public record Verification(Boolean approve, String note) {}
