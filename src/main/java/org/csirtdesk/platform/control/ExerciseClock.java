package org.csirtdesk.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.ExerciseTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The exercise mode's control of time ({@code EXERCISE_MODE=true} only): moves the application's clock
 * forward, never back, so that a whole campaign can be rehearsed in minutes. How far the clock runs ahead is
 * kept in the database and taken up again at start, so an exercise survives a restart. Outside exercise mode
 * nothing here reads or moves anything.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExerciseClock {

    /** The clock as the exercise sees it. */
    public record State(boolean enabled, Instant now, Duration ahead, Instant movedAt, String movedBy) {}

    /** A year: further than any procedure's timeline, so a bigger jump is a typing error. */
    static final Duration LONGEST_MOVE = Duration.ofDays(366);

    @Inject
    @ConfigProperty(name = "exercise.mode", defaultValue = "false")
    boolean enabled;

    @Inject
    ApplicationClock clock;

    @PersistenceContext
    EntityManager em;

    @PostConstruct
    void takeUpTheExercise() {
        if (enabled) {
            clock.runAhead(em.find(ExerciseTime.class, ExerciseTime.ID).ahead());
        }
    }

    /**
     * Takes up a move another instance made: each heartbeat calls this, so every instance of an exercise runs on
     * the same time. Outside exercise mode it reads nothing.
     */
    public void takeUpMoves() {
        if (enabled) {
            clock.runAhead(em.find(ExerciseTime.class, ExerciseTime.ID).ahead());
        }
    }

    public State state() {
        if (!enabled) {
            return new State(false, clock.instant(), Duration.ZERO, null, null);
        }
        ExerciseTime time = em.find(ExerciseTime.class, ExerciseTime.ID);
        return new State(true, clock.instant(), clock.ahead(), time.movedAt(), time.movedBy());
    }

    /** Moves the clock forward by {@code by}: a positive duration of at most a year. */
    public State advance(Duration by, String actor) {
        requireEnabled();
        if (by.compareTo(LONGEST_MOVE) > 0) {
            throw DomainException.invalid("advanceBy", "moves at most " + LONGEST_MOVE.toDays() + " days at a time");
        }
        // Locked, so that two moves at once add up instead of one overwriting the other.
        ExerciseTime time = em.find(ExerciseTime.class, ExerciseTime.ID, LockModeType.PESSIMISTIC_WRITE);
        time.moveAhead(by, actor, clock.instant());
        em.flush();
        clock.runAhead(time.ahead());
        return new State(true, clock.instant(), clock.ahead(), time.movedAt(), time.movedBy());
    }

    /** Moves the clock forward to {@code to}, which must be after the application's now. */
    public State advanceTo(Instant to, String actor) {
        requireEnabled();
        Instant now = clock.instant();
        if (!to.isAfter(now)) {
            throw DomainException.conflict(
                    "to", to + " is not after the application's time " + now + ": the clock only moves forward");
        }
        Duration by = Duration.between(now, to);
        if (by.compareTo(LONGEST_MOVE) > 0) {
            throw DomainException.invalid("to", "is more than " + LONGEST_MOVE.toDays() + " days ahead");
        }
        return advance(by, actor);
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    "the exercise mode is off: the clock moves only "
                            + "when the application runs with EXERCISE_MODE=true, which a production instance never does");
        }
    }
}
