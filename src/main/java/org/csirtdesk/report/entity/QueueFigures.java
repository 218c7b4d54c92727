package org.csirtdesk.report.entity;

/**
 * A queue's figures for the period (or all queues', as {@code all}); docs/reports.md defines each. {@code handled}
 * is created + olderUpdated: the tickets worked on in the period.
 */
public record QueueFigures(
        String queue,
        String name,
        long created,
        long olderUpdated,
        long handled,
        long resolved,
        long awaitingFirstResponse,
        Distribution firstResponse,
        Distribution resolution) {}
