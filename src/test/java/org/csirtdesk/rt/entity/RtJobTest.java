package org.csirtdesk.rt.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.csirtdesk.mail.entity.Backoff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RtJobTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), Integer.MAX_VALUE);

    @Test
    @DisplayName("A creation, an update and a note have one key each: a cause makes one job however often it runs")
    void keys() {
        assertThat(RtJob.Kind.CREATE.key(42, null)).isEqualTo("create:42");
        assertThat(RtJob.Kind.UPDATE.key(42, null)).isEqualTo("update:42");
        assertThat(RtJob.Kind.COMMENT.key(42, 7L)).isEqualTo("comment:7");
        assertThat(RtJob.Kind.UPDATE.idempotent()).isTrue();
        assertThat(RtJob.Kind.CREATE.idempotent()).isFalse();
        assertThat(RtJob.Kind.COMMENT.idempotent()).isFalse();
    }

    @Test
    @DisplayName("A job handed over is held for its lease; the next attempt after a crash knows it may have reached RT")
    void handedOver() {
        RtJob job = new RtJob(RtJob.Kind.CREATE, 42, null, NOW);
        assertThat(job.handedOverBefore()).isFalse();
        job.handedOver(NOW, NOW.plusSeconds(120));
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.handedOverBefore()).isTrue();
        job.retryLater("read timed out", true, NOW.plusSeconds(60), BACKOFF);
        assertThat(job.handedOverBefore()).isTrue();
        assertThat(job.state()).isEqualTo(RtJob.State.WAITING);
    }

    @Test
    @DisplayName("An attempt that certainly did not reach RT (connection refused) is not looked for before the next")
    void notReached() {
        RtJob job = new RtJob(RtJob.Kind.COMMENT, 42, 7L, NOW);
        job.handedOver(NOW, NOW.plusSeconds(120));
        job.retryLater("connection refused", false, NOW, BACKOFF);
        assertThat(job.handedOverBefore()).isFalse();
        assertThat(job.lastError()).isEqualTo("connection refused");
    }

    @Test
    @DisplayName("RT away for long: a job keeps waiting with backoff, never fails for it")
    void neverGivesUpOnUnavailability() {
        RtJob job = new RtJob(RtJob.Kind.CREATE, 42, null, NOW);
        for (int i = 0; i < 200; i++) {
            job.handedOver(NOW, NOW.plusSeconds(120));
            job.retryLater("connection refused", false, NOW, BACKOFF);
        }
        assertThat(job.state()).isEqualTo(RtJob.State.WAITING);
    }

    @Test
    @DisplayName("An update armed again while it was with RT stays waiting when that attempt ends, and goes again")
    void armedAgainWhileInFlight() {
        RtJob job = new RtJob(RtJob.Kind.UPDATE, 42, null, NOW);
        long handedGeneration = job.generation();
        job.handedOver(NOW, NOW.plusSeconds(120));
        job.armAgain(NOW.plusSeconds(1));
        job.done(handedGeneration, NOW.plusSeconds(2));
        assertThat(job.state()).isEqualTo(RtJob.State.WAITING);
        job.handedOver(NOW.plusSeconds(3), NOW.plusSeconds(123));
        job.done(job.generation(), NOW.plusSeconds(4));
        assertThat(job.state()).isEqualTo(RtJob.State.DONE);
    }

    @Test
    @DisplayName("RT's refusal fails a job for good; a later change arms a refused update again")
    void refused() {
        RtJob job = new RtJob(RtJob.Kind.UPDATE, 42, null, NOW);
        job.handedOver(NOW, NOW.plusSeconds(120));
        job.refused("Ticket 5: You can't change status from 'open' to 'pending removal'.");
        assertThat(job.state()).isEqualTo(RtJob.State.FAILED);
        assertThatThrownBy(() -> job.handedOver(NOW, NOW.plusSeconds(120))).isInstanceOf(IllegalStateException.class);
        job.armAgain(NOW.plusSeconds(5));
        assertThat(job.state()).isEqualTo(RtJob.State.WAITING);
    }
}
