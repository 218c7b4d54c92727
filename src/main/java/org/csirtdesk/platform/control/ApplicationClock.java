package org.csirtdesk.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock of the application. Every "now" comes from here, so tests and the exercise mode can
 * move time; the zone is the CSIRT's, used wherever a working day or a local date matters. In exercise mode
 * it runs ahead of the real time by what {@link ExerciseClock} set; otherwise it is the real time.
 */
@ApplicationScoped
public class ApplicationClock extends Clock {

    private final ZoneId zone;
    private volatile Duration ahead = Duration.ZERO;

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

    /** A view in another zone that keeps this clock's time, exercise offset included. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        ApplicationClock time = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return otherZone;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return time.withZone(zone);
            }

            @Override
            public Instant instant() {
                return time.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    /** How far this clock runs ahead of the real time. */
    public Duration ahead() {
        return ahead;
    }

    /** Only the exercise mode moves time, and only forward. */
    void runAhead(Duration by) {
        ahead = by;
    }
}
