package org.gridplatform.node.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.junit.jupiter.api.Test;

class TrainingPoolTest {

    @Test
    void refusesWorkBeyondTheThreadsAndTheQueueWithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        // Callers on their own threads: the common pool may have a single thread on a small machine.
        try (TrainingPool pool = new TrainingPool(1, 1, Duration.ofMinutes(1), getClass().getClassLoader());
             ExecutorService callers = Executors.newCachedThreadPool()) {
            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                started.countDown();
                release.await();
                return "first";
            }), callers);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> pool.run(() -> "second"), callers);
            Thread.sleep(200);

            assertThatThrownBy(() -> pool.run(() -> "third"))
                    .isInstanceOfSatisfying(TrainingBusyException.class, busy -> {
                        assertThat(busy.status()).isEqualTo(429);
                        assertThat(busy.retryAfterSeconds()).isBetween(1L, 60L);
                    })
                    .hasMessage("The node is already running 1 training step and has 1 waiting; retry later, or ask another node");

            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(pool.run(() -> "after")).isEqualTo("after");
        }
    }

    @Test
    void stopsWorkPastTheTimeLimitByInterruptingIt() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        try (TrainingPool pool = new TrainingPool(1, 1, Duration.ofMillis(300), getClass().getClassLoader())) {
            assertThatThrownBy(() -> pool.run(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    stopped.countDown();
                }
                return null;
            }))
                    .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE))
                    .hasMessage("The step did not finish within the node's limit of 0 s (grid.node.training.timeout) and was"
                            + " stopped: ask for fewer epochs, or retry when the node is less busy");
            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted).isTrue();
            assertThat(pool.run(() -> "free again")).isEqualTo("free again");
        }
    }

    @Test
    void aClientCancelsAStepByItsIdAndTheStepIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (TrainingPool pool = new TrainingPool(1, 1, Duration.ofMinutes(1), getClass().getClassLoader())) {
            assertThat(pool.cancel("nope")).isFalse();
            CompletableFuture<Object> step = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            }, "step-1"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pool.run(() -> "twin", "step-1"))
                    .hasMessage("A training step with id step-1 is already running; use a new id for each step");
            assertThat(pool.cancel("step-1")).isTrue();
            assertThatThrownBy(step::join).hasCauseInstanceOf(GridException.class)
                    .hasRootCauseMessage("The step was cancelled by DELETE /training/steps/step-1");
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.cancel("step-1")).as("finished steps are forgotten").isFalse();
            // The cancelled step's thread gives its place back as it unwinds: a client that comes at once may be told
            // to retry (429), as any busy node would; within moments the place is free again.
            Object again = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (again == null) {
                try {
                    again = pool.run(() -> "free again", "step-1");
                } catch (TrainingBusyException busy) {
                    assertThat(System.nanoTime()).as("the place is given back").isLessThan(deadline);
                    Thread.sleep(10);
                }
            }
            assertThat(again).isEqualTo("free again");
        }
    }

    @Test
    void turnsTheWorksIllegalArgumentsIntoBadRequests() {
        try (TrainingPool pool = new TrainingPool(1, 0, Duration.ofMinutes(1), getClass().getClassLoader())) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IllegalArgumentException("epochs is -1: use 0 or more, such as 1");
            })).isInstanceOf(InvalidRequestException.class).hasMessage("epochs is -1: use 0 or more, such as 1");
        }
    }

    @Test
    void refusesAnInvalidConfiguration() {
        assertThatThrownBy(() -> new TrainingPool(0, 1, Duration.ofMinutes(1), null))
                .hasMessage("grid.node.training.concurrency must be at least 1, but is 0");
    }
}
