package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.support.MovableClock;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MovableClock time = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(time, 5, 20, WINDOW);

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.check(name, address);
            throttle.failed(name, address);
        }
    }

    private void assertRefused(String name, String address) {
        assertThatThrownBy(() -> throttle.check(name, address)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).get().satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(WINDOW));
        });
    }

    @Test
    void fiveFailuresForANameRefuseItsNextAttemptsUntilTheWindowHasPassed() {
        fail("alice", "192.0.2.1", 4);
        assertThatCode(() -> throttle.check("alice", "192.0.2.1")).doesNotThrowAnyException();
        time.pass(Duration.ofMinutes(10));
        fail("alice", "192.0.2.2", 1);
        assertRefused("alice", "192.0.2.3");
        assertThatThrownBy(() -> throttle.check("alice", null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(5)));
        assertThatCode(() -> throttle.check("bob", "192.0.2.1")).as("another name").doesNotThrowAnyException();

        time.pass(Duration.ofMinutes(5).minusSeconds(1));
        assertRefused("alice", "192.0.2.1");
        time.pass(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("alice", "192.0.2.1")).doesNotThrowAnyException();
        fail("alice", "192.0.2.1", 4);
        assertThatCode(() -> throttle.check("alice", "192.0.2.1")).as("a new window counts from 0").doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsTheNamesFailuresButNotTheAddresss() {
        SignInThrottle strict = new SignInThrottle(time, 3, 5, WINDOW);
        for (int i = 0; i < 2; i++) {
            strict.failed("alice", "192.0.2.1");
        }
        strict.succeeded("alice", "192.0.2.1");
        strict.failed("alice", "192.0.2.1");
        strict.failed("alice", "192.0.2.1");
        assertThatCode(() -> strict.check("alice", "192.0.2.1")).as("2 failures since the success").doesNotThrowAnyException();
        strict.failed("bob", "192.0.2.1");
        assertThatThrownBy(() -> strict.check("carol", "192.0.2.1")).as("5 from the address, whatever the names")
                .isInstanceOf(DomainException.class);
        assertThatCode(() -> strict.check("carol", "192.0.2.9")).doesNotThrowAnyException();
    }

    @Test
    void twentyFailuresFromOneAddressRefuseEveryNameFromThere() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "2001:db8::1", 1);
        }
        assertRefused("someone-else", "2001:db8::1");
        assertThatCode(() -> throttle.check("someone-else", "2001:db8::2")).doesNotThrowAnyException();
        assertThatCode(() -> throttle.check("someone-else", null)).as("an unknown address counts for nothing")
                .doesNotThrowAnyException();
        time.pass(WINDOW);
        assertThatCode(() -> throttle.check("someone-else", "2001:db8::1")).doesNotThrowAnyException();
    }

    @Test
    void stringsThatAreNoUserNameCountOnlyForTheirAddress() {
        fail("Not A Name\nforged log line", null, 10);
        assertThatCode(() -> throttle.check("Not A Name\nforged log line", null)).doesNotThrowAnyException();
        fail("Not A Name", "192.0.2.7", 20);
        assertRefused("alice", "192.0.2.7");
    }

    @Test
    void limitsBelowOneOrAnEmptyWindowAreRefused() {
        assertThatThrownBy(() -> new SignInThrottle(time, 0, 20, WINDOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignInThrottle(time, 5, 20, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
