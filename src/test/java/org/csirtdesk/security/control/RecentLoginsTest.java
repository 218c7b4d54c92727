package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.support.MovableClock;
import org.junit.jupiter.api.Test;

class RecentLoginsTest {

    private static final Caller ALICE = new Caller("alice", Set.of(Role.CSIRT));

    private final MovableClock time = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));

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

    @Test
    void aSignedInUserIsCheckedAgainAfterTheTimeGiven() {
        RecentLogins recent = new RecentLogins(time, Duration.ofMinutes(5));
        recent.rememberSignedIn(ALICE);
        assertThat(recent.findSignedIn("alice")).contains(ALICE);
        assertThat(recent.find("alice", "")).as("not a password entry").isEmpty();
        time.pass(Duration.ofMinutes(5));
        assertThat(recent.findSignedIn("alice")).isEmpty();
    }

    @Test
    void forgettingAUserDropsTheirPasswordsAndSessionAtOnceAndNobodyElses() {
        RecentLogins recent = new RecentLogins(time, Duration.ofMinutes(5));
        Caller bob = new Caller("bob", Set.of(Role.ROD));
        recent.remember("alice", "correct horse battery", ALICE);
        recent.rememberSignedIn(ALICE);
        recent.remember("bob", "bob's long password", bob);
        recent.forget("alice");
        assertThat(recent.find("alice", "correct horse battery")).isEmpty();
        assertThat(recent.findSignedIn("alice")).isEmpty();
        assertThat(recent.find("bob", "bob's long password")).contains(bob);
    }
}
