package org.csirtdesk.ticket.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.ticket.control.QueueCounts;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Ticket counts per queue and status on {@code /metrics}. One grouped query serves all gauges and is
 * reused for a few seconds, so a scrape costs one query however many gauges it reads.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class TicketMetrics {

    private static final Duration REUSE = Duration.ofSeconds(5);

    @Inject
    MetricRegistry registry;

    @Inject
    QueueCounts counts;

    @Inject
    ApplicationClock clock;

    private volatile Map<Queue, Map<Status, Long>> latest = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    @PostConstruct
    void register() {
        Metadata metadata = Metadata.builder()
                .withName("csirt.tickets")
                .withDescription("Tickets per queue and status")
                .build();
        for (Queue queue : Queue.values()) {
            for (Status status : queue.lifecycle().statuses()) {
                registry.gauge(
                        metadata,
                        this,
                        self -> self.count(queue, status),
                        new Tag("queue", queue.slug()),
                        new Tag("status", status.label().replace(' ', '_')));
            }
        }
    }

    long count(Queue queue, Status status) {
        Instant now = clock.instant();
        if (now.isAfter(readAt.plus(REUSE))) {
            latest = counts.byQueueAndStatus();
            readAt = now;
        }
        return latest.getOrDefault(queue, Map.of()).getOrDefault(status, 0L);
    }
}
