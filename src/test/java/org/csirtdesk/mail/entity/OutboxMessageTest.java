package org.csirtdesk.mail.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.mail.entity.OutboxMessage.State;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxMessageTest {

    private static final Instant QUEUED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 3);

    private static final Map<State, Set<State>> ALLOWED = Map.of(
            State.QUEUED, EnumSet.of(State.RETRYING, State.SENT, State.FAILED),
            State.RETRYING, EnumSet.of(State.RETRYING, State.SENT, State.FAILED),
            State.SENT, EnumSet.of(State.BOUNCED),
            State.BOUNCED, EnumSet.of(State.BOUNCED),
            State.FAILED, EnumSet.noneOf(State.class));

    static OutboxMessage message() {
        return new OutboxMessage(
                new OutgoingMessage(
                        "case-1/ticket",
                        "sec03-ticket",
                        42L,
                        Tlp.AMBER,
                        List.of("admin@site.example"),
                        List.of("ngi@ngi.example"),
                        "CVE-2026-1 at SITE",
                        "Please patch.\n"),
                "<0123@csirt.example>",
                OutboxMessage.Channel.SMTP,
                QUEUED_AT);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    @DisplayName(
            "the transition table: failed is final, a sent message can only bounce; a waiting message can be retried, sent or failed")
    void transitionTable(State from) {
        for (State to : State.values()) {
            assertThat(from.canMoveTo(to))
                    .as(from + " -> " + to)
                    .isEqualTo(ALLOWED.get(from).contains(to));
        }
        assertThat(from.waiting()).isEqualTo(from == State.QUEUED || from == State.RETRYING);
    }

    @Test
    @DisplayName("a bounce of a sent message is kept as its error; a bounce of a message never sent changes nothing")
    void bounced() {
        OutboxMessage sent = message();
        sent.sent(QUEUED_AT.plusSeconds(3));
        assertThat(sent.bounced("admin@site.example: 5.1.1 User unknown")).isTrue();
        assertThat(sent.state()).isEqualTo(State.BOUNCED);
        assertThat(sent.lastError()).isEqualTo("bounced: admin@site.example: 5.1.1 User unknown");
        assertThat(sent.bounced("ngi@ngi.example: 5.2.2 mailbox full")).isTrue();

        OutboxMessage waiting = message();
        assertThat(waiting.bounced("forged")).isFalse();
        assertThat(waiting.state()).isEqualTo(State.QUEUED);
        assertThat(waiting.lastError()).isNull();
    }

    @Test
    @DisplayName("a new message is due at once")
    void dueAtOnce() {
        OutboxMessage message = message();
        assertThat(message.state()).isEqualTo(State.QUEUED);
        assertThat(message.nextAttemptAt()).isEqualTo(QUEUED_AT);
        assertThat(message.attempts()).isZero();
        assertThat(message.recipients()).containsExactly("admin@site.example", "ngi@ngi.example");
    }

    @Test
    @DisplayName("sent: the time kept, nothing due any more, never sent again")
    void sent() {
        OutboxMessage message = message();
        Instant at = QUEUED_AT.plusSeconds(3);
        message.sent(at);
        assertThat(message.state()).isEqualTo(State.SENT);
        assertThat(message.sentAt()).isEqualTo(at);
        assertThat(message.attempts()).isEqualTo(1);
        assertThat(message.nextAttemptAt()).isNull();
        assertThatThrownBy(() -> message.sent(at)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> message.failedForGood("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a passing failure is retried after the backoff, with the error kept; the last attempt fails for good")
    void retriedThenFailed() {
        OutboxMessage message = message();
        assertThat(message.failedForNow("Connection refused", QUEUED_AT, BACKOFF))
                .isFalse();
        assertThat(message.state()).isEqualTo(State.RETRYING);
        assertThat(message.nextAttemptAt()).isEqualTo(QUEUED_AT.plus(Duration.ofMinutes(1)));
        assertThat(message.lastError()).isEqualTo("Connection refused");
        Instant second = QUEUED_AT.plus(Duration.ofMinutes(1));
        assertThat(message.failedForNow("421 try later", second, BACKOFF)).isFalse();
        assertThat(message.nextAttemptAt()).isEqualTo(second.plus(Duration.ofMinutes(2)));
        assertThat(message.failedForNow("421 try later", second.plus(Duration.ofMinutes(2)), BACKOFF))
                .isTrue();
        assertThat(message.state()).isEqualTo(State.FAILED);
        assertThat(message.attempts()).isEqualTo(3);
        assertThat(message.nextAttemptAt()).isNull();
        assertThat(message.lastError()).startsWith("gave up after 3 attempts").contains("421 try later");
    }

    @Test
    @DisplayName("a permanent refusal fails at once, with the reason; a retried message can still be sent")
    void failedForGood() {
        OutboxMessage refused = message();
        refused.failedForGood("550 5.1.1 no such user");
        assertThat(refused.state()).isEqualTo(State.FAILED);
        assertThat(refused.lastError()).isEqualTo("550 5.1.1 no such user");
        assertThatThrownBy(() -> refused.failedForNow("again", QUEUED_AT, BACKOFF))
                .isInstanceOf(IllegalStateException.class);

        OutboxMessage retried = message();
        retried.failedForNow("Connection refused", QUEUED_AT, BACKOFF);
        retried.sent(QUEUED_AT.plus(Duration.ofMinutes(1)));
        assertThat(retried.state()).isEqualTo(State.SENT);
        assertThat(retried.attempts()).isEqualTo(2);
    }

    @Test
    @DisplayName("a long error is cut to the column's size")
    void longErrorCut() {
        OutboxMessage message = message();
        message.failedForGood("x".repeat(5_000));
        assertThat(message.lastError()).hasSize(OutboxMessage.ERROR_LENGTH);
    }
}
