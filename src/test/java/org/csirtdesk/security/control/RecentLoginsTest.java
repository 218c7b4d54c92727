package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.Role;
import org.junit.jupiter.api.Test;

class RecentLoginsTest {

    private static final Caller ALICE = new Caller("alice", Set.of(Role.CSIRT));

    /** A clock the test moves. */
    private static final class Time extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

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

        void pass(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final Time time = new Time();

    @Test
    void aCheckedPasswordIsRememberedForTheTimeGivenAndNoLonger() {
        RecentLogins recent = new RecentLogins(time, Duration.ofMinutes(5));
        assertThat(recent.find("alice", "correct horse battery")).isEmpty();
        recent.remember("alice", "correct horse battery", ALICE);
        assertThat(recent.find("alice", "correct horse battery")).contains(ALICE);
        time.pass(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(recent.find("alice", "correct horse battery")).contains(ALICE);
        time.pass(Duration.ofSeconds(1));
        assertThat(recent.find("alice", "correct horse battery")).isEmpty();
    }

    @Test
    void onlyTheSameNameWithTheSamePasswordMatches() {
        RecentLogins recent = new RecentLogins(time, Duration.ofMinutes(5));
        recent.remember("alice", "correct horse battery", ALICE);
        assertThat(recent.find("alice", "correct horse batter")).isEmpty();
        assertThat(recent.find("alice", "correct horse battery ")).isEmpty();
        assertThat(recent.find("alicecorrect", " horse battery")).isEmpty();
        assertThat(recent.find("bob", "correct horse battery")).isEmpty();
    }

    @Test
    void zeroRemembersNothing() {
        RecentLogins recent = new RecentLogins(time, Duration.ZERO);
        recent.remember("alice", "correct horse battery", ALICE);
        assertThat(recent.find("alice", "correct horse battery")).isEmpty();
    }
}
