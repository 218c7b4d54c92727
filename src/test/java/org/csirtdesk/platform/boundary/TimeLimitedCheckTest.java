package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A health check's database work under a frozen database: never a probe that hangs, never threads piling up. */
class TimeLimitedCheckTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("a blocked check times out after the limit; later probes answer at once and start no second run; "
            + "once it ends, the next probe runs the work again")
    void frozenWorkTimesOutThenAnswersAtOnce() throws Exception {
        CountDownLatch frozen = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        TimeLimitedCheck<String> check = new TimeLimitedCheck<>();

        long started = System.nanoTime();
        assertThatThrownBy(() -> check.get(
                        () -> {
                            runs.incrementAndGet();
                            await(frozen);
                            return "late";
                        },
                        executor))
                .isInstanceOf(TimeoutException.class);
        Duration first = Duration.ofNanos(System.nanoTime() - started);
        assertThat(first).isBetween(TimeLimitedCheck.LIMIT.minusMillis(50), TimeLimitedCheck.LIMIT.plusSeconds(1));

        for (int probe = 0; probe < 3; probe++) {
            long again = System.nanoTime();
            assertThatThrownBy(() -> check.get(() -> "never run", executor)).isInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - again))
                    .as("probe %d meets the overdue run", probe + 2)
                    .isLessThan(Duration.ofMillis(200));
        }
        assertThat(runs).hasValue(1);

        frozen.countDown();
        Thread.sleep(100);
        assertThat(check.get(() -> "answered", executor)).isEqualTo("answered");
    }

    @Test
    @DisplayName("a check that answers in time gives its result; one that fails gives its failure")
    void answersAndFailures() throws Exception {
        TimeLimitedCheck<String> check = new TimeLimitedCheck<>();
        assertThat(check.get(() -> "up", executor)).isEqualTo("up");
        assertThatThrownBy(() -> check.get(
                        () -> {
                            throw new IllegalStateException("refused");
                        },
                        executor))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
