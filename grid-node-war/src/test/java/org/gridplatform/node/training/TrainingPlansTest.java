package org.gridplatform.node.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded, expiring store of training plans. */
class TrainingPlansTest {

    /** A clock that moves only when told to. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-05-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final ManualClock clock = new ManualClock();

    private static TrainingPlan plan(String dataset) {
        return new TrainingPlan(null, null, Map.of(), Map.of(), dataset, null);
    }

    @Test
    void aRegisteredPlanIsFoundByItsRandomIdUntilItIsRemoved() {
        TrainingPlans plans = new TrainingPlans(4, Duration.ofMinutes(10), clock);
        TrainingPlan plan = plan("iris");

        TrainingPlans.Registered registered = plans.add(plan);
        TrainingPlans.Registered other = plans.add(plan);

        assertThat(registered.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo(other.id());
        assertThat(registered.expiresAt()).isEqualTo(Instant.parse("2026-05-01T10:10:00Z"));
        assertThat(plans.use(registered.id())).containsSame(plan);
        assertThat(plans.size()).isEqualTo(2);
        assertThat(plans.remove(registered.id())).isTrue();
        assertThat(plans.remove(registered.id())).isFalse();
        assertThat(plans.use(registered.id())).isEmpty();
        assertThat(plans.use("0f8e3c1e-7a52-4d0c-9a43-1f9d0e5b6c7a")).isEmpty();
        assertThat(plans.size()).isEqualTo(1);
    }

    @Test
    void aPlanUnusedForTheIdleExpiryIsForgottenAndEachUseStartsItsIdleTimeAgain() {
        TrainingPlans plans = new TrainingPlans(4, Duration.ofMinutes(10), clock);
        String used = plans.add(plan("used")).id();
        String idle = plans.add(plan("idle")).id();

        clock.advance(Duration.ofMinutes(9));
        assertThat(plans.use(used)).isPresent();
        clock.advance(Duration.ofMinutes(9));

        assertThat(plans.use(used)).as("used 9 minutes ago").isPresent();
        assertThat(plans.use(idle)).as("unused for 18 minutes").isEmpty();
        assertThat(plans.size()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(10));
        assertThat(plans.use(used)).as("unused for exactly the idle expiry").isEmpty();
        assertThat(plans.size()).isZero();
    }

    @Test
    void expiredPlansAreNotCountedAndCannotBeRemoved() {
        TrainingPlans plans = new TrainingPlans(4, Duration.ofSeconds(30), clock);
        String id = plans.add(plan("iris")).id();

        clock.advance(Duration.ofSeconds(31));

        assertThat(plans.size()).isZero();
        assertThat(plans.remove(id)).isFalse();
    }

    @Test
    void aFullStoreForgetsTheLeastRecentlyUsedPlan() {
        TrainingPlans plans = new TrainingPlans(3, Duration.ofHours(1), clock);
        String first = plans.add(plan("1")).id();
        String second = plans.add(plan("2")).id();
        String third = plans.add(plan("3")).id();
        assertThat(plans.use(first)).isPresent();

        String fourth = plans.add(plan("4")).id();

        assertThat(plans.size()).isEqualTo(3);
        assertThat(plans.use(second)).as("the least recently used").isEmpty();
        assertThat(plans.use(first)).isPresent();
        assertThat(plans.use(third)).isPresent();
        assertThat(plans.use(fourth)).isPresent();
    }

    @Test
    void aFullStoreForgetsExpiredPlansBeforeLiveOnes() {
        TrainingPlans plans = new TrainingPlans(3, Duration.ofMinutes(10), clock);
        String stale = plans.add(plan("stale")).id();
        clock.advance(Duration.ofMinutes(6));
        String live = plans.add(plan("live")).id();
        String alsoLive = plans.add(plan("also live")).id();
        clock.advance(Duration.ofMinutes(5));

        String added = plans.add(plan("new")).id();
        String another = plans.add(plan("another")).id();

        assertThat(plans.use(stale)).isEmpty();
        assertThat(plans.size()).isEqualTo(3);
        assertThat(List.of(live, alsoLive, added, another).stream().filter(id -> plans.use(id).isPresent()).toList())
                .as("one live plan made room for the second new one").hasSize(3).contains(added, another);
    }

    @Test
    void refusesABoundOrExpiryOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new TrainingPlans(0, Duration.ofHours(1), clock))
                .hasMessage("grid.node.training.max-plans must be at least 1, but is 0");
        assertThatThrownBy(() -> new TrainingPlans(1, Duration.ZERO, clock))
                .hasMessage("grid.node.training.plan-idle-expiry must be positive, but is PT0S");
    }

    @Test
    void describesTheIdleExpiryForMessages() {
        assertThat(new TrainingPlans(1, Duration.ofHours(2), clock).describeIdleExpiry()).isEqualTo("2 h");
        assertThat(new TrainingPlans(1, Duration.ofMinutes(90), clock).describeIdleExpiry()).isEqualTo("90 min");
        assertThat(new TrainingPlans(1, Duration.ofSeconds(45), clock).describeIdleExpiry()).isEqualTo("45 s");
        assertThat(new TrainingPlans(1, Duration.ofMillis(1500), clock).describeIdleExpiry()).isEqualTo("1500 ms");
    }

    @Test
    void concurrentRegistrationsUsesAndRemovalsLoseNoPlanAndMixNone() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        TrainingPlans plans = new TrainingPlans(threads * perThread, Duration.ofHours(1), Clock.systemUTC());
        Map<String, TrainingPlan> kept = new ConcurrentHashMap<>();
        Set<String> removed = ConcurrentHashMap.newKeySet();

        race(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                TrainingPlan plan = plan(thread + "-" + i);
                String id = plans.add(plan).id();
                if (plans.use(id).orElseThrow() != plan) {
                    throw new AssertionError("plan " + id + " is another's");
                }
                if (i % 3 == 0) {
                    if (!plans.remove(id)) {
                        throw new AssertionError("plan " + id + " could not be removed");
                    }
                    removed.add(id);
                } else if (kept.put(id, plan) != null) {
                    throw new AssertionError("an id was given twice: " + id);
                }
            }
        });

        assertThat(plans.size()).isEqualTo(kept.size());
        kept.forEach((id, plan) -> assertThat(plans.use(id)).containsSame(plan));
        assertThat(removed).hasSize(threads * ((perThread + 2) / 3)).allSatisfy(id -> assertThat(plans.use(id)).isEmpty());
    }

    @Test
    void concurrentRegistrationsBeyondTheBoundNeverHoldMoreThanIt() throws Exception {
        int max = 16;
        TrainingPlans plans = new TrainingPlans(max, Duration.ofHours(1), Clock.systemUTC());
        AtomicInteger overBound = new AtomicInteger();
        AtomicInteger found = new AtomicInteger();

        race(8, thread -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                mine.add(plans.add(plan("churn")).id());
                if (plans.use(mine.get(mine.size() / 2)).isPresent()) {
                    found.incrementAndGet();
                }
                if (plans.size() > max) {
                    overBound.incrementAndGet();
                }
            }
        });

        assertThat(overBound).hasValue(0);
        assertThat(plans.size()).isEqualTo(max);
        assertThat(found).as("old plans were displaced").hasValueLessThan(8 * 2_000);
    }

    /** Runs the work on this many threads at once and rethrows the first failure. */
    private static void race(int threads, ThreadWork work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private interface ThreadWork {
        void run(int thread) throws Exception;
    }
}
