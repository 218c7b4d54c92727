package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.support.MovableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MovableClock time = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new MemoryTallies(), time, 5, 20, WINDOW);

    /** The database's counting, in memory: one count per key and window. */
    private static final class MemoryTallies extends SignInFailures {

        private record Tally(Instant since, int failures) {}

        private final Map<String, Tally> tallies = new HashMap<>();

        @Override
        public int count(String key, Instant now, Duration window) {
            return tallies.compute(
                            key,
                            (k, tally) ->
                                    tally == null || !now.isBefore(tally.since().plus(window))
                                            ? new Tally(now, 1)
                                            : new Tally(tally.since(), tally.failures() + 1))
                    .failures();
        }

        @Override
        public void clear(String key) {
            tallies.remove(key);
        }
    }

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThatCode(() -> throttle.failed(name, address))
                    .as("failure " + (i + 1) + " is within the limits")
                    .doesNotThrowAnyException();
        }
    }

    private Duration waitAfterFailure(String name, String address) {
        DomainException e = (DomainException) catchThrowable(() -> throttle.failed(name, address));
        assertThat(e).as("a failure beyond the limits asks for a wait").isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.RATE_LIMITED);
        assertThat(e.getMessage()).contains("wrong").contains("too many failed sign-ins");
        return e.retryAfter().orElseThrow();
    }

    @Test
    void beyondFiveFailuresForANameEachWrongAttemptAsksForADoublingWaitUpToTheWindow() {
        fail("alice", "192.0.2.1", 5);
        assertThat(waitAfterFailure("alice", "192.0.2.2")).isEqualTo(Duration.ofSeconds(1));
        assertThat(waitAfterFailure("alice", "192.0.2.3")).isEqualTo(Duration.ofSeconds(2));
        assertThat(waitAfterFailure("alice", null)).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> throttle.failed("alice", null)).isInstanceOf(DomainException.class);
        }
        assertThat(waitAfterFailure("alice", null))
                .as("never longer than the window")
                .isEqualTo(WINDOW);
        fail("bob", "192.0.2.1", 1);

        time.pass(WINDOW);
        fail("alice", "192.0.2.1", 5);
        assertThat(waitAfterFailure("alice", "192.0.2.1"))
                .as("a new window counts from 0")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSuccessClearsTheNamesFailuresButNotTheAddresss() {
        SignInThrottle strict = new SignInThrottle(new MemoryTallies(), time, 3, 5, WINDOW);
        strict.failed("alice", "192.0.2.1");
        strict.failed("alice", "192.0.2.1");
        strict.succeeded("alice", "192.0.2.1");
        strict.failed("alice", "192.0.2.1");
        strict.failed("alice", "192.0.2.1");
        assertThatCode(() -> strict.failed("alice", "192.0.2.1"))
                .as("3 failures since the success, and 5 from the address")
                .doesNotThrowAnyException();
        assertThatCode(() -> strict.failed("carol", "192.0.2.9")).doesNotThrowAnyException();
        assertThatThrownBy(() -> strict.failed("bob", "192.0.2.1"))
                .as("6 from the address, whatever the names")
                .isInstanceOf(DomainException.class);
    }

    @Test
    @DisplayName("random names from one address count against the address only: no other name is refused anything")
    void failuresWithRandomNamesFromOneAddressLockNobodyOut() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "2001:db8::1", 1);
        }
        assertThat(waitAfterFailure("someone-else", "2001:db8::1")).isEqualTo(Duration.ofSeconds(1));
        fail("someone-else", "2001:db8::2", 1);
        fail("someone-else", null, 1);
        throttle.succeeded("alice", "2001:db8::1");
        time.pass(WINDOW);
        fail("someone-else", "2001:db8::1", 1);
    }

    @Test
    void stringsThatAreNoUserNameCountOnlyForTheirAddress() {
        fail("Not A Name\nforged log line", null, 10);
        fail("Not A Name", "192.0.2.7", 10);
        fail("alice", "192.0.2.7", 5);
        fail("Not A Name", "192.0.2.7", 5);
        assertThat(waitAfterFailure("bob", "192.0.2.7")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void limitsBelowOneOrAnEmptyWindowAreRefused() {
        assertThatThrownBy(() -> new SignInThrottle(new MemoryTallies(), time, 0, 20, WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignInThrottle(new MemoryTallies(), time, 5, 20, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
