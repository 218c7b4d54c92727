package org.csirtdesk.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How far the exercise mode has moved the application's time ahead of the real time: one row, which only
 * ever grows, so that no step of a procedure can come due twice.
 */
@Entity
@Table(name = "exercise_clock")
public class ExerciseTime {

    public static final short ID = 1;

    @Id
    private short id;

    @Column(name = "offset_micros", nullable = false)
    private long offsetMicros;

    @Column(name = "moved_at")
    private Instant movedAt;

    @Column(name = "moved_by", length = 190)
    private String movedBy;

    @Version
    private long version;

    protected ExerciseTime() {}

    public Duration ahead() {
        return Duration.of(offsetMicros, ChronoUnit.MICROS);
    }

    public Instant movedAt() {
        return movedAt;
    }

    public String movedBy() {
        return movedBy;
    }

    /** Runs further ahead by {@code by}, which must be positive: time never goes back. */
    public void moveAhead(Duration by, String actor, Instant at) {
        if (by.isNegative() || by.isZero()) {
            throw DomainException.invalid("advanceBy", "must be a positive duration: the clock only moves forward");
        }
        offsetMicros = ahead().plus(by).truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000;
        movedAt = at.truncatedTo(ChronoUnit.MICROS);
        movedBy = actor;
    }
}
