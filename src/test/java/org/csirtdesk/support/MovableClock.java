package org.csirtdesk.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a unit test moves by hand, given where the application takes its {@code ApplicationClock}. */
public final class MovableClock extends Clock {

    private Instant now;

    public MovableClock(Instant start) {
        now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void pass(Duration duration) {
        now = now.plus(duration);
    }
}
