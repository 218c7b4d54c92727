package org.csirtdesk.campaign.boundary;

/** SEC03-4.4: who says no (omb or coo) and why. */
public record Veto(String by, String reason) {}
