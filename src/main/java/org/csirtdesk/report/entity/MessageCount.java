package org.csirtdesk.report.entity;

/** How many messages of a kind (the letter's template) went out in the period. */
public record MessageCount(String kind, long sent) {}
