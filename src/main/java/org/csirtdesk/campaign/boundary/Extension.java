package org.csirtdesk.campaign.boundary;

/** SEC03-4.3: a later deadline, who asked for it (csirt or omb) and why. */
public record Extension(String deadline, String requestedBy, String reason) {}
