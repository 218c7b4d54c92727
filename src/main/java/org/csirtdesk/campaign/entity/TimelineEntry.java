package org.csirtdesk.campaign.entity;

import java.time.Instant;

/**
 * One line of a campaign's timeline: a step, when it is due (UTC and in the CSIRT's zone), what it does, and
 * for how many cases it is planned, done, skipped or cancelled.
 */
public record TimelineEntry(
        String step,
        String kind,
        String scope,
        String what,
        Instant at,
        String local,
        long planned,
        long done,
        long skipped,
        long cancelled) {}
