package org.csirtdesk.site.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.control.RegistryRefresh;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The copy's freshness on {@code /metrics}, for alerting: seconds since the last good refresh, failures in a
 * row, sites in the copy. GOCDB's calls themselves are timed by {@code gocdb_read}/{@code gocdb_write} and
 * counted by MicroProfile Fault Tolerance ({@code ft_*}, retries and circuit breaker state included).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class SiteRegistryMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    RegistryRefresh refresh;

    @Inject
    ApplicationClock clock;

    @PostConstruct
    void register() {
        registry.gauge(
                Metadata.builder()
                        .withName("csirt.site.registry.seconds.since.success")
                        .withDescription("Seconds since the site registry copy was last refreshed (-1: never)")
                        .build(),
                refresh,
                registryRefresh -> registryRefresh
                        .state()
                        .lastSuccessAt()
                        .map(success ->
                                Duration.between(success, clock.instant()).toSeconds())
                        .orElse(-1L));
        registry.gauge(
                Metadata.builder()
                        .withName("csirt.site.registry.consecutive.failures")
                        .withDescription("Site registry refreshes that failed in a row")
                        .build(),
                refresh,
                registryRefresh -> registryRefresh.state().consecutiveFailures());
        registry.gauge(
                Metadata.builder()
                        .withName("csirt.site.registry.sites")
                        .withDescription("Sites in the local copy that the registry lists")
                        .build(),
                refresh,
                RegistryRefresh::copiedSites);
    }
}
