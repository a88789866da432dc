package org.gridplatform.client.federated;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.gridplatform.api.ProblemType;
import org.gridplatform.client.GridClientException;
import org.gridplatform.client.NodeClient;

/**
 * One node's training plan for one run ({@code POST /training/plans}): registered once, so that each round's step
 * and evaluation carry only its id and the parameters; registered again when the node answers that it no longer
 * holds it (it restarted, the plan expired unused or was displaced); dropped when the run ends.
 *
 * <p>Registration is retried while the node answers {@code 429} (busy), within the caller's deadline, as steps are.
 * Thread-safe: the id is read and replaced under a lock, so two calls that find the plan gone register it once.
 */
final class NodePlan {

    private final NodeClient node;
    private final NodeClient.Prepared registration;
    private final ReentrantLock lock = new ReentrantLock();
    private String id;

    /**
     * @param node         the node
     * @param registration the plan, prepared once for every node of the run
     */
    NodePlan(NodeClient node, NodeClient.Prepared registration) {
        this.node = node;
        this.registration = registration;
    }

    /**
     * @param deadline {@link System#nanoTime()} by which a registration must be done
     * @return the plan's id, registering it first if it has none
     * @throws GridClientException if the node refuses or fails the registration
     */
    String id(long deadline) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (id == null) {
                id = register(deadline);
            }
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers the plan again after the node answered that it does not hold {@code stale}; another caller may have
     * done so already, and then its id is answered.
     *
     * @param stale    the id the node did not know
     * @param deadline {@link System#nanoTime()} by which the registration must be done
     * @return the new id
     */
    String renew(String stale, long deadline) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (id == null || id.equals(stale)) {
                id = null;
                id = register(deadline);
            }
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the plan on the node, if it has one; best effort: a node that is gone or forgot it is fine. */
    void drop() {
        String current;
        lock.lock();
        try {
            current = id;
            id = null;
        } finally {
            lock.unlock();
        }
        if (current != null) {
            try {
                node.dropPlan(current);
            } catch (RuntimeException ignored) {
                // Unreachable, or the plan already expired: either way the node does not keep it.
            }
        }
    }

    /** @return whether the node answered that it does not hold the plan a request named */
    static boolean unknown(GridClientException e) {
        return e.problem().map(p -> ProblemType.UNKNOWN_TRAINING_PLAN.uri().equals(p.type())).orElse(false);
    }

    private String register(long deadline) throws InterruptedException {
        while (true) {
            long remaining = deadline - System.nanoTime();
            try {
                return node.registerPlan(registration, Duration.ofNanos(Math.max(remaining, 1_000_000))).planId();
            } catch (GridClientException e) {
                Duration wait = e.retryAfter().orElse(null);
                if (e.status() != 429 || wait == null || System.nanoTime() + wait.toNanos() >= deadline) {
                    throw e;
                }
                Thread.sleep(Math.max(100, wait.toMillis()));
            }
        }
    }
}
