package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.platform.control.RunMode;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.entity.StatusChannel;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The site feature's configuration. Unless told otherwise, the zero-setup run ({@code csirt.mode=demo}) uses
 * the embedded registry for everything and production uses GOCDB, asking the operators on duty for status
 * changes (the one way that needs no portal credential).
 */
@ApplicationScoped
public class SiteSettings {

    @Inject
    RunMode mode;

    @Inject
    @ConfigProperty(name = "csirt.site.registry")
    Optional<String> registry;

    @Inject
    @ConfigProperty(name = "csirt.site.status-change")
    Optional<String> statusChange;

    @Inject
    @ConfigProperty(name = "csirt.site.refresh-minutes", defaultValue = "60")
    int refreshMinutes;

    @Inject
    @ConfigProperty(name = "csirt.site.status-check-seconds", defaultValue = "120")
    int statusCheckSeconds;

    @Inject
    @ConfigProperty(name = "csirt.site.admin-roles", defaultValue = "Site Administrator")
    List<String> adminRoles;

    @Inject
    @ConfigProperty(name = "csirt.site.operators-address")
    Optional<String> operatorsAddress;

    @Inject
    @ConfigProperty(name = "csirt.site.ticket-extension")
    Optional<String> ticketExtension;

    /** True when the registry is the embedded one. */
    public boolean embeddedRegistry() {
        String chosen = registry.orElse(mode.isDemo() ? "embedded" : "gocdb");
        return switch (chosen.trim().toLowerCase()) {
            case "embedded" -> true;
            case "gocdb" -> false;
            default ->
                throw new IllegalStateException("csirt.site.registry is '" + chosen + "'; it is gocdb or embedded");
        };
    }

    public StatusChannel statusChannel() {
        String chosen = statusChange.orElse(embeddedRegistry() ? "embedded" : "operator-request");
        return StatusChannel.parse(chosen)
                .orElseThrow(() -> new IllegalStateException(
                        "csirt.site.status-change is '" + chosen + "'; it is portal, operator-request or embedded"));
    }

    public Duration refreshInterval() {
        return Duration.ofMinutes(Math.max(1, refreshMinutes));
    }

    public Duration statusCheckInterval() {
        return Duration.ofSeconds(Math.max(1, statusCheckSeconds));
    }

    /** The GOCDB roles whose holders are a site's administrators for the procedures. */
    public List<String> adminRoles() {
        return adminRoles;
    }

    /** What configuration lacks for the chosen status channel, if anything. */
    public Optional<String> statusChannelProblem() {
        if (statusChannel() == StatusChannel.OPERATOR_REQUEST
                && operatorsAddress.filter(a -> !a.isBlank()).isEmpty()) {
            return Optional.of("status changes go to the operators on duty, but csirt.site.operators-address "
                    + "(CSIRT_SITE_OPERATORS_ADDRESS) is not configured");
        }
        return Optional.empty();
    }

    public String operatorsAddress() {
        return operatorsAddress
                .filter(address -> !address.isBlank())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.CONFLICTING_STATE,
                        statusChannelProblem().orElse("no operators address")));
    }

    /** The GOCDB extension property that records a suspension's ticket, when configured. */
    public Optional<String> ticketExtension() {
        return ticketExtension.filter(name -> !name.isBlank());
    }
}
