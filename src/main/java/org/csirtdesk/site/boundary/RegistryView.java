package org.csirtdesk.site.boundary;

import java.time.Duration;
import java.time.Instant;
import org.csirtdesk.site.entity.RegistryRefreshState;

/** How fresh the local copy of the registry is, and how the last refresh ended. */
public record RegistryView(
        String registry,
        boolean refreshing,
        String refreshingOn,
        Instant lastAttemptAt,
        Instant lastSuccessAt,
        Long secondsSinceSuccess,
        Instant lastFailureAt,
        int consecutiveFailures,
        Long lastDurationMillis,
        String lastSummary,
        String lastError,
        boolean degraded) {

    static RegistryView of(String registry, RegistryRefreshState state, Instant now) {
        return new RegistryView(
                registry,
                state.runningSince().isPresent(),
                state.runningOn(),
                state.lastAttemptAt().orElse(null),
                state.lastSuccessAt().orElse(null),
                state.lastSuccessAt()
                        .map(success -> Duration.between(success, now).toSeconds())
                        .orElse(null),
                state.lastFailureAt().orElse(null),
                state.consecutiveFailures(),
                state.lastDurationMillis().orElse(null),
                state.lastSummary().orElse(null),
                state.lastError().orElse(null),
                state.degraded());
    }
}
