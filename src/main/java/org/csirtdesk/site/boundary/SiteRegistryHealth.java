package org.csirtdesk.site.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.control.RegistryRefresh;
import org.csirtdesk.site.control.SiteSettings;
import org.csirtdesk.site.entity.RegistryRefreshState;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The site registry on {@code /health/ready}. The procedures work from the local copy, so a failing GOCDB
 * does not make the application unready: the check stays UP and carries a {@code warning} (and the last
 * error) for whoever watches it; {@code /metrics} has the same as numbers for alerting.
 */
@Readiness
@ApplicationScoped
public class SiteRegistryHealth implements HealthCheck {

    @Inject
    RegistryRefresh refresh;

    @Inject
    SiteSettings settings;

    @Inject
    ApplicationClock clock;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("site-registry").up()
                .withData("registry", settings.embeddedRegistry() ? "embedded" : "gocdb")
                .withData("statusChange", settings.statusChannel().configName());
        settings.statusChannelProblem().ifPresent(problem -> response.withData("configuration", problem));
        try {
            RegistryRefreshState state = refresh.state();
            Instant now = clock.instant();
            state.lastSuccessAt().ifPresent(success -> response.withData("lastSuccess", success.toString())
                    .withData("secondsSinceSuccess", Duration.between(success, now).toSeconds()));
            state.lastError().ifPresent(error -> response.withData("lastError", error));
            boolean stale = state.lastSuccessAt().map(success -> success.isBefore(now.minus(settings.refreshInterval()
                    .multipliedBy(3)))).orElse(state.lastAttemptAt().isPresent());
            if (state.degraded() || stale) {
                response.withData("warning", state.consecutiveFailures() > 0
                        ? "the last " + state.consecutiveFailures() + " refreshes failed; the procedures use the last good copy"
                        : stale ? "the copy is older than three refresh intervals"
                        : "the last refresh left parts of the copy unconfirmed");
            }
        } catch (RuntimeException e) {
            response.withData("warning", "the refresh state cannot be read: " + e.getMessage());
        }
        return response.build();
    }
}
