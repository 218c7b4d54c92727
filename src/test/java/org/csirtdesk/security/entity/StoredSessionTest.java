package org.csirtdesk.security.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredSessionTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-07T08:00:00Z");
    private static final StoredSession.Limits LIMITS =
            new StoredSession.Limits(Duration.ofHours(8), Duration.ofDays(7));
    private static final Caller ALICE = new Caller("alice", Set.of(Role.CSIRT, Role.ADMIN));

    private final SessionToken token = SessionToken.random();

    @Test
    void anIdleSessionEndsAfterTheIdleLimit() {
        StoredSession session = new StoredSession(token, ALICE, null, SIGNED_IN, LIMITS);
        assertThat(session.isLiveAt(SIGNED_IN.plus(Duration.ofHours(8)).minusNanos(1)))
                .isTrue();
        assertThat(session.isLiveAt(SIGNED_IN.plus(Duration.ofHours(8)))).isFalse();
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinuteAndMovesTheIdleLimit() {
        StoredSession session = new StoredSession(token, ALICE, null, SIGNED_IN, LIMITS);
        assertThat(session.seenAt(SIGNED_IN.plusSeconds(59), LIMITS))
                .as("within a minute of the last write")
                .isFalse();
        assertThat(session.lastSeenAt()).isEqualTo(SIGNED_IN);
        assertThat(session.seenAt(SIGNED_IN.plusSeconds(60), LIMITS)).isTrue();
        assertThat(session.lastSeenAt()).isEqualTo(SIGNED_IN.plusSeconds(60));
        assertThat(session.expiresAt()).isEqualTo(SIGNED_IN.plusSeconds(60).plus(Duration.ofHours(8)));
        assertThat(session.seenAt(SIGNED_IN.plusSeconds(61), LIMITS)).isFalse();
    }

    @Test
    void aBusySessionStillEndsAtTheAbsoluteLimit() {
        StoredSession session = new StoredSession(token, ALICE, null, SIGNED_IN, LIMITS);
        Instant now = SIGNED_IN;
        while (now.isBefore(SIGNED_IN.plus(Duration.ofDays(7)))) {
            now = now.plus(Duration.ofHours(1));
            session.seenAt(now, LIMITS);
        }
        assertThat(session.expiresAt()).isEqualTo(SIGNED_IN.plus(Duration.ofDays(7)));
        assertThat(session.isLiveAt(SIGNED_IN.plus(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void aShortIdleLimitIsNotedMoreOftenThanOnceAMinute() {
        StoredSession.Limits brief = new StoredSession.Limits(Duration.ofSeconds(40), Duration.ofDays(7));
        assertThat(StoredSession.seenStep(brief)).isEqualTo(Duration.ofSeconds(10));
        assertThat(StoredSession.seenStep(LIMITS)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theCallerAndTheProviderSignOutAreKept() {
        StoredSession session =
                new StoredSession(token, ALICE, "https://idp.example/logout?id_token_hint=x", SIGNED_IN, LIMITS);
        assertThat(session.caller()).isEqualTo(ALICE);
        assertThat(session.providerSignOut()).isEqualTo("https://idp.example/logout?id_token_hint=x");
        assertThat(new StoredSession(token, new Caller("bob", Set.of()), null, SIGNED_IN, LIMITS).caller())
                .isEqualTo(new Caller("bob", Set.of()));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new StoredSession.Limits(Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredSession.Limits(Duration.ofHours(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenIsRandomAndNeitherItsHashNorItsCsrfTokenGiveIt() {
        SessionToken other = SessionToken.random();
        assertThat(token.value()).hasSize(43).isNotEqualTo(other.value());
        assertThat(token.sha256()).hasSize(32).isEqualTo(new SessionToken(token.value()).sha256());
        assertThat(token.csrfToken())
                .isEqualTo(new SessionToken(token.value()).csrfToken())
                .isNotEqualTo(token.value())
                .isNotEqualTo(other.csrfToken());
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
