package org.gridplatform.api.training;

import java.util.List;

/**
 * {@code GET /training-runs}: the runs a gateway's board holds, the most recently updated first.
 *
 * @param runs the runs
 */
public record TrainingRunList(List<TrainingRun> runs) {
}
