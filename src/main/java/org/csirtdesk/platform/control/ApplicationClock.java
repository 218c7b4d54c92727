package org.csirtdesk.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock of the application. Every "now" comes from here, so tests and the exercise mode can
 * move time; the zone is the CSIRT's, used wherever a working day or a local date matters.
 */
@ApplicationScoped
public class ApplicationClock extends Clock {

    private final ZoneId zone;

    @Inject
    public ApplicationClock(@ConfigProperty(name = "csirt.timezone", defaultValue = "Europe/Amsterdam") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** For CDI's proxy only. */
    protected ApplicationClock() {
        this.zone = ZoneId.of("UTC");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return Clock.system(otherZone);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }
}
