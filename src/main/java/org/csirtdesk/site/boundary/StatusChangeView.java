package org.csirtdesk.site.boundary;

import java.time.Instant;
import org.csirtdesk.site.entity.StatusChange;

/** A status change request as the API shows it; {@code ageSeconds} is how long it has waited (or waited). */
public record StatusChangeView(
        long id,
        String site,
        String fromStatus,
        String targetStatus,
        String reason,
        Long ticket,
        String channel,
        String state,
        String requestedBy,
        Instant requestedAt,
        long ageSeconds,
        Instant submittedAt,
        int submitAttempts,
        String lastSubmitError,
        Instant confirmedAt,
        String changedInRegistryBy,
        Instant closedAt,
        String outcome,
        Instant lastCheckedAt,
        String lastCheckError) {

    static StatusChangeView of(StatusChange change, Instant now) {
        return new StatusChangeView(
                change.id(),
                change.site().name(),
                change.fromStatus().label(),
                change.targetStatus().label(),
                change.reason(),
                change.ticketId().orElse(null),
                change.channel().configName(),
                change.state().name().toLowerCase(),
                change.requestedBy(),
                change.requestedAt(),
                change.age(now).toSeconds(),
                change.submittedAt(),
                change.submitAttempts(),
                change.lastSubmitError(),
                change.confirmedAt(),
                change.changedInRegistryBy(),
                change.closedAt(),
                change.outcome(),
                change.lastCheckedAt(),
                change.lastCheckError());
    }
}
