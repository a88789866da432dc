package org.gridplatform.node.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The node's registered training plans, in memory, bounded two ways: a plan unused for the idle expiry
 * ({@code grid.node.training.plan-idle-expiry}) is forgotten, and at most {@code grid.node.training.max-plans} are
 * kept; registering one more first forgets the expired ones, then the least recently used. Forgetting is safe: a
 * coordinator that names a forgotten plan gets {@code 404 unknown-training-plan} and registers it again (as it does
 * after the node restarts, which forgets every plan).
 *
 * <p>Ids are random UUIDs ({@link UUID#randomUUID()}, from a cryptographically strong generator), so one caller
 * cannot guess another's plan.
 *
 * <p>Thread-safe: every method holds the store's lock briefly; plans themselves are immutable.
 */
final class TrainingPlans {

    private static final Logger LOG = Logger.getLogger(TrainingPlans.class.getName());

    /** A plan with the last time it was registered or used; guarded by the store's lock. */
    private static final class Entry {
        final TrainingPlan plan;
        Instant lastUsed;

        Entry(TrainingPlan plan, Instant lastUsed) {
            this.plan = plan;
            this.lastUsed = lastUsed;
        }
    }

    /**
     * A plan's id and when it expires unless used.
     *
     * @param id        the plan's id
     * @param expiresAt the end of its idle time as of now
     */
    record Registered(String id, Instant expiresAt) {
    }

    private final int maxPlans;
    private final Duration idleExpiry;
    private final Clock clock;
    /** In access order: the first entry is the least recently used, so expired entries come first. */
    private final LinkedHashMap<String, Entry> plans = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxPlans   the most plans kept, at least 1
     * @param idleExpiry how long an unused plan is kept, positive
     * @param clock      the time source
     * @throws IllegalArgumentException naming the configuration key that is out of range
     */
    TrainingPlans(int maxPlans, Duration idleExpiry, Clock clock) {
        if (maxPlans < 1) {
            throw new IllegalArgumentException("grid.node.training.max-plans must be at least 1, but is " + maxPlans);
        }
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("grid.node.training.plan-idle-expiry must be positive, but is " + idleExpiry);
        }
        this.maxPlans = maxPlans;
        this.idleExpiry = idleExpiry;
        this.clock = clock;
    }

    /**
     * Keeps a plan under a new random id, forgetting expired plans and, when the store is full, the least
     * recently used one.
     *
     * @param plan a checked plan
     * @return its id and expiry
     */
    Registered add(TrainingPlan plan) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        synchronized (this) {
            removeExpired(now);
            if (plans.size() >= maxPlans) {
                Iterator<Map.Entry<String, Entry>> oldest = plans.entrySet().iterator();
                String evicted = oldest.next().getKey();
                oldest.remove();
                LOG.fine(() -> "Training plan " + evicted + " forgotten to keep at most " + maxPlans
                        + " (grid.node.training.max-plans)");
            }
            plans.put(id, new Entry(plan, now));
        }
        return new Registered(id, now.plus(idleExpiry));
    }

    /**
     * Finds a plan and starts its idle time again.
     *
     * @param id a plan's id
     * @return the plan, or empty if the store does not hold it (never registered, removed, expired or evicted)
     */
    Optional<TrainingPlan> use(String id) {
        Instant now = clock.instant();
        synchronized (this) {
            Entry entry = plans.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            if (expired(entry, now)) {
                plans.remove(id);
                return Optional.empty();
            }
            entry.lastUsed = now;
            return Optional.of(entry.plan);
        }
    }

    /**
     * @param id a plan's id
     * @return whether the store held it (and it had not expired)
     */
    synchronized boolean remove(String id) {
        Entry entry = plans.remove(id);
        return entry != null && !expired(entry, clock.instant());
    }

    /** @return the number of plans held and not expired */
    synchronized int size() {
        removeExpired(clock.instant());
        return plans.size();
    }

    /** @return how long an unused plan is kept, for messages: {@code 1 h}, {@code 30 min}, {@code 90 s} */
    String describeIdleExpiry() {
        long ms = idleExpiry.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private void removeExpired(Instant now) {
        Iterator<Entry> oldest = plans.values().iterator();
        while (oldest.hasNext()) {
            if (!expired(oldest.next(), now)) {
                return;
            }
            oldest.remove();
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastUsed.plus(idleExpiry));
    }
}
