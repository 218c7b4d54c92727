package org.csirtdesk.incident.boundary;

/**
 * A milestone to record: its kind, when it happened (now if not given), and how the CSIRT knows; or, instead of
 * {@code at}, the site's {@code mail} on its Investigation (the id of that history entry), which gives both the time
 * and the reason.
 */
public record NewMilestone(String kind, String at, String reason, Long mail) {}
