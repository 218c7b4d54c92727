package org.csirtdesk.incident.boundary;

/** A site the incident affects, as GOCDB names it; when it discovered the incident, if known; why it is affected. */
public record NewAffectedSite(String site, String discoveredAt, String reason) {}
