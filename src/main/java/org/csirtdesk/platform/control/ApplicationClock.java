package org.csirtdesk.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of the application. Every "now" comes from here, so tests and the exercise mode can
 * move time. It tells instants, in UTC: where a working day or a local date matters, the zone is the CSIRT's
 * calendar's ({@code calendar.control.Calendars}). In exercise mode it runs ahead of the real time by what
 * {@link ExerciseClock} set; otherwise it is the real time.
 */
@ApplicationScoped
public class ApplicationClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
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
