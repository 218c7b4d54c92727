package org.csirtdesk.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exercise offset only grows, and keeps microseconds as the database does. */
class ExerciseTimeTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:00:00.123456789Z");

    @Test
    void movesAddUpAndTimeNeverGoesBack() {
        ExerciseTime time = new ExerciseTime();
        time.moveAhead(Duration.ofDays(3), "coordinator", AT);
        time.moveAhead(Duration.ofHours(2).plusNanos(1_999), "coordinator", AT);
        assertThat(time.ahead()).isEqualTo(Duration.ofDays(3).plusHours(2).plusNanos(1_000));
        assertThat(time.movedAt()).isEqualTo(Instant.parse("2026-11-23T12:00:00.123456Z"));
        assertThat(time.movedBy()).isEqualTo("coordinator");
        assertThatThrownBy(() -> time.moveAhead(Duration.ofMinutes(-1), "x", AT))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> time.moveAhead(Duration.ZERO, "x", AT)).isInstanceOf(DomainException.class);
        assertThat(time.ahead()).isEqualTo(Duration.ofDays(3).plusHours(2).plusNanos(1_000));
    }
}
