package org.csirtdesk.incident.boundary;

/** Appoints the incident's coordinator (a user with the role csirt or coordinator), with the reason. */
public record CoordinatorChange(String coordinator, String reason) {}
