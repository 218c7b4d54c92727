package org.csirtdesk.report.entity;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A queue's figures for the period (or all queues', as {@code all}); docs/reports.md defines each. {@code handled}
 * is created + olderUpdated: the tickets worked on in the period. The first-response figures are only for the queues
 * that answer a requestor ({@code answersRequestor}: Incident Reports and Investigations); null for the others, and
 * the row {@code all} counts them over those queues alone.
 */
@JsonbNillable
public record QueueFigures(
        String queue,
        String name,
        boolean answersRequestor,
        long created,
        long olderUpdated,
        long handled,
        long resolved,
        Long awaitingFirstResponse,
        Distribution firstResponse,
        Distribution resolution) {}
