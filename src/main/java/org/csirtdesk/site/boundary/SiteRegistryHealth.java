package org.csirtdesk.site.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.csirtdesk.platform.boundary.TimeLimitedCheck;
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
 * error) for whoever watches it; {@code /metrics} has the same as numbers for alerting. The state is read from
 * the database within {@link TimeLimitedCheck#LIMIT}, so that a frozen database cannot hang the probe.
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

    @Resource
    ManagedExecutorService executor;

    private final TimeLimitedCheck<RegistryRefreshState> stateCheck = new TimeLimitedCheck<>();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("site-registry")
                .up()
                .withData("registry", settings.embeddedRegistry() ? "embedded" : "gocdb")
                .withData("statusChange", settings.statusChannel().configName());
        settings.statusChannelProblem().ifPresent(problem -> response.withData("configuration", problem));
        try {
            RegistryRefreshState state = stateCheck.get(refresh::state, executor);
            Instant now = clock.instant();
            state.lastSuccessAt().ifPresent(success -> response.withData("lastSuccess", success.toString())
                    .withData(
                            "secondsSinceSuccess",
                            Duration.between(success, now).toSeconds()));
            state.lastError().ifPresent(error -> response.withData("lastError", error));
            boolean stale = state.lastSuccessAt()
                    .map(success -> success.isBefore(
                            now.minus(settings.refreshInterval().multipliedBy(3))))
                    .orElse(state.lastAttemptAt().isPresent());
            if (state.degraded() || stale) {
                response.withData(
                        "warning",
                        state.consecutiveFailures() > 0
                                ? "the last " + state.consecutiveFailures()
                                        + " refreshes failed; the procedures use the last good copy"
                                : stale
                                        ? "the copy is older than three refresh intervals"
                                        : "the last refresh left parts of the copy unconfirmed");
            }
        } catch (ExecutionException | RuntimeException e) {
            response.withData(
                    "warning",
                    "the refresh state cannot be read: "
                            + (e instanceof ExecutionException ? e.getCause() : e).getMessage());
        } catch (TimeoutException e) {
            // The state is in the database; whether that answers is DatabaseReadiness's to say.
            response.withData(
                    "warning",
                    "the refresh state could not be read within " + TimeLimitedCheck.LIMIT.toSeconds() + " s");
        }
        return response.build();
    }
}
