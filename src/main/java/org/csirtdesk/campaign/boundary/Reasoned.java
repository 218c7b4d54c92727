package org.csirtdesk.campaign.boundary;

/** A decision that needs only its reason. */
public record Reasoned(String reason) {}
