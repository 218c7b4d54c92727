package org.csirtdesk.mail.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 10);

    @Test
    @DisplayName("the wait doubles from the first after each attempt")
    void doubles() {
        assertThat(backoff.next(1, AT)).contains(AT.plus(Duration.ofMinutes(1)));
        assertThat(backoff.next(2, AT)).contains(AT.plus(Duration.ofMinutes(2)));
        assertThat(backoff.next(3, AT)).contains(AT.plus(Duration.ofMinutes(4)));
        assertThat(backoff.next(6, AT)).contains(AT.plus(Duration.ofMinutes(32)));
    }

    @Test
    @DisplayName("the wait never exceeds the longest")
    void isCapped() {
        assertThat(backoff.next(7, AT)).contains(AT.plus(Duration.ofHours(1)));
        assertThat(backoff.next(9, AT)).contains(AT.plus(Duration.ofHours(1)));
        assertThat(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 10_000).next(9_999, AT))
                .contains(AT.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("after the last attempt there is none: the message fails for good")
    void endsAfterTheLastAttempt() {
        assertThat(backoff.next(10, AT)).isEmpty();
        assertThat(backoff.next(11, AT)).isEmpty();
        assertThat(new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), 1).next(1, AT))
                .isEmpty();
    }

    @Test
    @DisplayName("the time from the first attempt to the last adds the waits up")
    void givesUpAfterTheWaits() {
        // 1 + 2 + 4 + 8 + 16 + 32 minutes, then three hours: 9 waits between 10 attempts.
        assertThat(backoff.giveUpAfter()).isEqualTo(Duration.ofMinutes(63).plusHours(3));
        assertThat(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 30).giveUpAfter())
                .isEqualTo(Duration.ofMinutes(63).plusHours(23));
    }

    @Test
    @DisplayName(
            "a backoff without a first wait, with a longest shorter than the first, or without attempts is refused")
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofHours(2), Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
