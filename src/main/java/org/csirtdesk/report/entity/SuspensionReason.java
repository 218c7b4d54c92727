package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * The suspensions of one reason ({@code campaign}, {@code incident}, {@code other}): how many, how many have ended,
 * and their durations in calendar days (median and longest; null without any).
 */
@JsonbNillable
public record SuspensionReason(String reason, long count, long ended, Double medianDays, Double longestDays) {}
