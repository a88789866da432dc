package org.gridplatform.node.training;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;

/**
 * Runs training work on a fixed number of platform threads with a bounded queue and a time limit.
 *
 * <p>Training is CPU-bound, so it gets as many threads as the node wants cores spent on it
 * ({@code grid.node.training.concurrency}), not virtual threads, which would only multiplex more
 * CPU-bound work on the same carriers. Work beyond the threads waits in a queue of
 * {@code grid.node.training.queue} places; beyond that it is refused at once with
 * {@link TrainingBusyException} ({@code 429} and a {@code Retry-After} estimated from recent steps),
 * so a burst never piles up unbounded blocked request threads.
 *
 * <p>The time limit ({@code grid.node.training.timeout}) counts from submission, queue wait included,
 * since that is what the waiting coordinator sees. When it passes, the work is cancelled (its thread
 * interrupted; backends check between epochs or minibatches) and the caller gets {@code 503}: the node
 * could not serve the step in time, which on a less loaded node or with fewer epochs may succeed, and
 * which a federated coordinator treats like any dropped-out node in a round.
 *
 * <p>Thread-safe. The owner {@linkplain #close() closes} it.
 */
final class TrainingPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int threads;
    /** An exponential moving average of how long work ran, in ms, for Retry-After. */
    private final AtomicLong averageMs = new AtomicLong(1000);

    /**
     * @param threads    the number of training threads, at least 1
     * @param queue      the number of waiting places, at least 0
     * @param timeout    the time limit per piece of work, positive
     * @param appLoader  the class loader the threads run with (the WAR's)
     */
    TrainingPool(int threads, int queue, Duration timeout, ClassLoader appLoader) {
        if (threads < 1) {
            throw new IllegalArgumentException("grid.node.training.concurrency must be at least 1, but is " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("grid.node.training.queue must be 0 or more, but is " + queue);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("grid.node.training.timeout must be positive, but is " + timeout);
        }
        this.threads = threads;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        // SynchronousQueue semantics for 0 places: ArrayBlockingQueue needs a capacity of at least 1.
        var waiting = queue == 0 ? new java.util.concurrent.SynchronousQueue<Runnable>() : new ArrayBlockingQueue<Runnable>(queue);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, work -> {
            Thread thread = new Thread(work, "grid-training-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(appLoader);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs work and waits for its result.
     *
     * @param work what to run; an {@link IllegalArgumentException} it throws is the caller's error ({@code 400})
     * @param <T>  the result type
     * @return the work's result
     * @throws TrainingBusyException if every thread and queue place is taken
     * @throws GridException         {@code 400} for the caller's errors, {@code 503} past the time limit
     */
    <T> T run(Callable<T> work) {
        return run(work, null);
    }

    /**
     * Runs work that a client may cancel by its id ({@link #cancel(String)}) while it waits or runs.
     *
     * @param work what to run
     * @param id   the client's id of the step, or {@code null}
     * @param <T>  the result type
     * @return the work's result
     * @throws GridException {@code 409} if a step with this id is already running or the step was cancelled,
     *                       and as {@link #run(Callable)}
     */
    <T> T run(Callable<T> work, String id) {
        FutureTask<T> future = new FutureTask<>(() -> {
            long start = System.nanoTime();
            try {
                return work.call();
            } finally {
                long ms = (System.nanoTime() - start) / 1_000_000;
                averageMs.getAndUpdate(avg -> (avg * 3 + ms) / 4);
            }
        });
        // The id is claimed before the work can start: claimed after, a twin request arriving in between would
        // claim it first and the original would then cancel itself.
        if (id != null && running.putIfAbsent(id, future) != null) {
            throw new GridException(ProblemType.CONFLICT, "A training step with id " + id + " is already running; "
                    + "use a new id for each step");
        }
        try {
            executor.execute(future);
        } catch (RejectedExecutionException e) {
            if (id != null) {
                running.remove(id, future);
            }
            throw new TrainingBusyException("The node is already running " + threads + " training step"
                    + (threads > 1 ? "s" : "") + " and has " + executor.getQueue().size()
                    + " waiting; retry later, or ask another node", retryAfterSeconds());
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new GridException(ProblemType.CONFLICT, "The step was cancelled by DELETE /training/steps/" + id);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw tooSlow();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new GridException(ProblemType.SERVICE_UNAVAILABLE, "The node stopped while training; retry on another node");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } finally {
            if (id != null) {
                running.remove(id, future);
            }
        }
    }

    /**
     * Cancels a step that waits or runs: its thread is interrupted, and its caller gets a {@code 409}.
     *
     * @param id the client's id of the step
     * @return whether such a step was waiting or running
     */
    boolean cancel(String id) {
        Future<?> future = running.get(id);
        return future != null && future.cancel(true);
    }

    private GridException tooSlow() {
        return new GridException(ProblemType.SERVICE_UNAVAILABLE, "The step did not finish within the node's limit of "
                + timeout.toSeconds() + " s (grid.node.training.timeout) and was stopped: ask for fewer epochs, or retry when"
                + " the node is less busy");
    }

    private RuntimeException translate(Throwable cause) {
        return switch (cause) {
            case GridException grid -> grid;
            case IllegalArgumentException invalid -> new InvalidRequestException(invalid.getMessage());
            case CancellationException cancelled -> tooSlow();
            case RuntimeException runtime -> runtime;
            case Error error -> throw error;
            default -> new IllegalStateException("Training failed", cause);
        };
    }

    private long retryAfterSeconds() {
        long waiting = executor.getQueue().size() + threads;
        long seconds = (long) Math.ceil(averageMs.get() * (double) waiting / threads / 1000);
        return Math.clamp(seconds, 1, Math.max(1, timeout.toSeconds()));
    }

    private final java.util.Map<String, Future<?>> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** Interrupts running work and refuses new work. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
