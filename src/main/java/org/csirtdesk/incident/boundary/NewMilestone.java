package org.csirtdesk.incident.boundary;

/** A milestone to record: its kind, when it happened (now if not given), and how the CSIRT knows. */
public record NewMilestone(String kind, String at, String reason) {}
