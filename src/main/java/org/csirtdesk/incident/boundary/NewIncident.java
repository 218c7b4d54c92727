package org.csirtdesk.incident.boundary;

/** An incident opened without a report: its title, TLP (AMBER unless given), coordinator (the caller unless given). */
public record NewIncident(String title, String tlp, String coordinator, String description) {}
