package org.gridplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstOfASixthOfAMinuteThenRefillsAtTheRate() {
        RateLimit.Limiter limiter = new RateLimit.Limiter("search", 60);
        long now = 5 * SECOND;
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take("10.0.0.1", now)).as("request %d of the burst", i).isZero();
        }
        long wait = limiter.take("10.0.0.1", now);
        assertThat(wait).as("one token a second comes back").isBetween(999L, 1000L);
        assertThat(limiter.take("10.0.0.2", now)).as("another address has its own bucket").isZero();
        assertThat(limiter.take("10.0.0.1", now + SECOND)).isZero();
        assertThat(limiter.take("10.0.0.1", now + SECOND)).isPositive();
        assertThat(limiter.take("10.0.0.1", now + 60 * SECOND)).as("a full bucket after a quiet minute").isZero();
    }

    @Test
    void zeroMeansNoLimitAndNegativeIsRefused() {
        RateLimit.Limiter off = new RateLimit.Limiter("join", 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.take("10.0.0.1", i)).isZero();
        }
        assertThatThrownBy(() -> new RateLimit.Limiter("join", -1)).hasMessageContaining("grid.rate-limit.join is -1");
    }

    @Test
    void forgetsTheLeastRecentlySeenAddressesBeyondTheBound() {
        RateLimit.Limiter limiter = new RateLimit.Limiter("search", 6);
        assertThat(limiter.take("first", 0)).isZero();
        assertThat(limiter.take("first", 0)).isPositive();
        for (int i = 0; i < RateLimit.MAX_CLIENTS; i++) {
            limiter.take("client-" + i, 0);
        }
        assertThat(limiter.take("first", 0)).as("dropped, so it starts again with a full bucket").isZero();
    }
}
