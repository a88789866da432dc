package org.gridplatform.node.training;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.gridplatform.api.GridException;

/**
 * The node's training metrics in the application registry, which Payara serves in Prometheus format at
 * {@code GET /metrics} (docs/metrics.md): per kind of work (training steps, evaluations, plan registrations) a
 * counter by outcome and a timer of the successful ones, from the checked request to the answer, queue wait
 * included; and a gauge of the plans the node holds.
 */
final class TrainingMetrics {

    /** Counter, label {@code outcome}: training steps. */
    static final String STEPS = "grid_training_steps";
    /** Timer: a successful training step in the node, queue wait and data alignment included. */
    static final String STEP_DURATION = "grid_training_step";
    /** Counter, label {@code outcome}: evaluations. */
    static final String EVALUATIONS = "grid_training_evaluations";
    /** Timer: a successful evaluation in the node, queue wait and data alignment included. */
    static final String EVALUATION_DURATION = "grid_training_evaluation";
    /** Counter, label {@code outcome}: plan registrations. */
    static final String PLANS = "grid_training_plans";
    /** Timer: a successful plan registration, the alignment of the data included. */
    static final String PLAN_DURATION = "grid_training_plan";
    /** Gauge: the plans the node holds. */
    static final String PLANS_HELD = "grid_training_plans_held";

    /** Records nothing: for a service built without CDI (the unit tests). */
    static final TrainingMetrics NONE = new TrainingMetrics(null, () -> 0);

    /** What became of a step or an evaluation, by the status it was answered with. */
    enum Outcome {
        /** Answered 200. */
        OK,
        /** 400 or 404: the request does not fit the node's data or backends, or names a plan the node does not hold. */
        INVALID,
        /** 429: every training thread and queue place was taken. */
        BUSY,
        /** 409: cancelled by {@code DELETE /training/steps/{id}}, or its id was in use. */
        CANCELLED,
        /** 503: past the node's time limit, or the node was stopping. */
        UNAVAILABLE,
        /** Any other failure (500). */
        FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome of(RuntimeException failure) {
            if (!(failure instanceof GridException grid)) {
                return FAILED;
            }
            return switch (grid.type()) {
                case INVALID_REQUEST, NOT_FOUND, UNKNOWN_TRAINING_PLAN -> INVALID;
                case TOO_MANY_REQUESTS -> BUSY;
                case CONFLICT -> CANCELLED;
                case SERVICE_UNAVAILABLE -> UNAVAILABLE;
                default -> FAILED;
            };
        }
    }

    /** One kind of work: its counters and its timer. */
    private record Kind(Map<Outcome, Counter> counters, Timer timer) {

        static Kind register(MetricRegistry registry, String counter, String counterHelp, String timer, String timerHelp) {
            Metadata counted = Metadata.builder().withName(counter).withDescription(counterHelp).build();
            Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counters.put(outcome, registry.counter(counted, new Tag("outcome", outcome.label())));
            }
            return new Kind(counters, registry.timer(Metadata.builder().withName(timer).withUnit(MetricUnits.SECONDS)
                    .withDescription(timerHelp).build()));
        }

        <T> T record(Supplier<T> work) {
            long start = System.nanoTime();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                counters.get(Outcome.of(e)).inc();
                throw e;
            }
            timer.update(Duration.ofNanos(System.nanoTime() - start));
            counters.get(Outcome.OK).inc();
            return result;
        }
    }

    private final Kind steps;
    private final Kind evaluations;
    private final Kind plans;

    /**
     * @param registry  the application registry, or {@code null} to record nothing
     * @param heldPlans the number of plans the node holds now
     */
    TrainingMetrics(MetricRegistry registry, IntSupplier heldPlans) {
        if (registry == null) {
            steps = null;
            evaluations = null;
            plans = null;
            return;
        }
        steps = Kind.register(registry, STEPS, "POST /training/steps by outcome (ok, invalid, busy, cancelled, unavailable, failed)",
                STEP_DURATION, "Duration of a successful training step in the node, queue wait and data alignment included");
        evaluations = Kind.register(registry, EVALUATIONS, "POST /training/evaluations by outcome (ok, invalid, busy, cancelled,"
                + " unavailable, failed)", EVALUATION_DURATION, "Duration of a successful evaluation in the node, queue wait and"
                + " data alignment included");
        plans = Kind.register(registry, PLANS, "POST /training/plans by outcome (ok, invalid, busy, cancelled, unavailable,"
                + " failed)", PLAN_DURATION, "Duration of a successful plan registration in the node, queue wait and data"
                + " alignment included");
        registry.gauge(Metadata.builder().withName(PLANS_HELD).withDescription("Training plans the node holds (registered,"
                + " not dropped, expired or displaced)").build(), heldPlans, IntSupplier::getAsInt);
    }

    /** Runs a training step, counting its outcome and timing it. */
    <T> T step(Supplier<T> work) {
        return steps == null ? work.get() : steps.record(work);
    }

    /** Runs an evaluation, counting its outcome and timing it. */
    <T> T evaluation(Supplier<T> work) {
        return evaluations == null ? work.get() : evaluations.record(work);
    }

    /** Runs a plan registration, counting its outcome and timing it. */
    <T> T plan(Supplier<T> work) {
        return plans == null ? work.get() : plans.record(work);
    }
}
