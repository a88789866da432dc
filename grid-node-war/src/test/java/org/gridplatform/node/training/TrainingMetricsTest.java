package org.gridplatform.node.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;
import org.junit.jupiter.api.Test;

/** The outcome label of {@code grid_training_steps_total}: the status a step was answered with. */
class TrainingMetricsTest {

    @Test
    void eachFailureIsCountedUnderTheOutcomeOfItsStatus() {
        assertThat(TrainingMetrics.Outcome.of(new InvalidRequestException("bad"))).isEqualTo(TrainingMetrics.Outcome.INVALID);
        assertThat(TrainingMetrics.Outcome.of(new GridException(ProblemType.NOT_FOUND, "no dataset")))
                .isEqualTo(TrainingMetrics.Outcome.INVALID);
        assertThat(TrainingMetrics.Outcome.of(new GridException(ProblemType.UNKNOWN_TRAINING_PLAN, "register again")))
                .isEqualTo(TrainingMetrics.Outcome.INVALID);
        assertThat(TrainingMetrics.Outcome.of(new TrainingBusyException("busy", 3))).isEqualTo(TrainingMetrics.Outcome.BUSY);
        assertThat(TrainingMetrics.Outcome.of(new GridException(ProblemType.CONFLICT, "cancelled")))
                .isEqualTo(TrainingMetrics.Outcome.CANCELLED);
        assertThat(TrainingMetrics.Outcome.of(new GridException(ProblemType.SERVICE_UNAVAILABLE, "too slow")))
                .isEqualTo(TrainingMetrics.Outcome.UNAVAILABLE);
        assertThat(TrainingMetrics.Outcome.of(new IllegalStateException("bug"))).isEqualTo(TrainingMetrics.Outcome.FAILED);
        assertThat(TrainingMetrics.Outcome.OK.label()).isEqualTo("ok");
    }

    @Test
    void withoutARegistryTheWorkRunsAndNothingIsRecorded() {
        assertThat(TrainingMetrics.NONE.step(() -> 42)).isEqualTo(42);
        assertThat(TrainingMetrics.NONE.evaluation(() -> "done")).isEqualTo("done");
        assertThat(TrainingMetrics.NONE.plan(() -> "kept")).isEqualTo("kept");
    }
}
