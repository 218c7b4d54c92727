package org.csirtdesk.site.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one row that says which instance is refreshing the copy now and how the last refreshes ended. A
 * refresh is claimed by a conditional update of this row (see {@code RegistryRefresh}), so several instances
 * never refresh at once; a claim older than the stale limit is taken over (its instance died).
 */
@Entity
@Table(name = "site_registry_state")
public class RegistryRefreshState {

    public static final short ID = 1;

    @Id
    private short id;

    @Column(name = "running_since")
    private Instant runningSince;

    @Column(name = "running_on", length = 100)
    private String runningOn;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    @Column(name = "last_duration_ms")
    private Long lastDurationMillis;

    @Column(name = "last_summary", length = 500)
    private String lastSummary;

    protected RegistryRefreshState() {}

    /** The copy was refreshed; a refresh that left parts out still counts, its summary names them. */
    public void succeeded(Instant at, Duration took, RefreshSummary summary) {
        release(at, took);
        lastSuccessAt = at;
        consecutiveFailures = 0;
        lastSummary = clip(summary.describe(), 500);
        lastError = summary.problems().isEmpty() ? null : clip(String.join("; ", summary.problems()), 2000);
    }

    /** Nothing was changed; the copy stays as it was. */
    public void failed(Instant at, Duration took, String error) {
        release(at, took);
        lastFailureAt = at;
        consecutiveFailures++;
        lastError = clip(error, 2000);
    }

    private void release(Instant at, Duration took) {
        runningSince = null;
        runningOn = null;
        lastAttemptAt = at;
        lastDurationMillis = took.toMillis();
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }

    public Optional<Instant> runningSince() {
        return Optional.ofNullable(runningSince);
    }

    public String runningOn() {
        return runningOn;
    }

    public Optional<Instant> lastAttemptAt() {
        return Optional.ofNullable(lastAttemptAt);
    }

    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    public Optional<Instant> lastFailureAt() {
        return Optional.ofNullable(lastFailureAt);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Optional<Long> lastDurationMillis() {
        return Optional.ofNullable(lastDurationMillis);
    }

    public Optional<String> lastSummary() {
        return Optional.ofNullable(lastSummary);
    }

    /** The last refresh failed, or left parts of the copy unconfirmed. */
    public boolean degraded() {
        return lastError != null;
    }
}
