package org.gridplatform.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.gridplatform.api.training.TrainingRun;
import org.gridplatform.api.training.TrainingRunReport;
import org.junit.jupiter.api.Test;

class TrainingRunBoardTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private static TrainingRunReport report(String runId, int round, String status) {
        return new TrainingRunReport(runId, List.of("#iris"), "tribuo-logistic", List.of("alice", "bob"), 20, round, status,
                Map.of("accuracy", 0.5 + round / 100.0));
    }

    @Test
    void aNewRunStartsAndEndsAtItsFirstReport() {
        TrainingRunBoard board = new TrainingRunBoard(clock, 20);
        TrainingRun run = board.report(report("iris-1", 0, TrainingRunReport.RUNNING));
        assertThat(run).isEqualTo(new TrainingRun("iris-1", List.of("#iris"), "tribuo-logistic", List.of("alice", "bob"), 20, 0,
                "running", Map.of("accuracy", 0.5), T0, T0));
        assertThat(board.runs()).containsExactly(run);
    }

    @Test
    void aLaterReportReplacesTheRunKeepsItsStartAndMovesItFirst() {
        TrainingRunBoard board = new TrainingRunBoard(clock, 20);
        board.report(report("iris-1", 0, TrainingRunReport.RUNNING));
        clock.advance(Duration.ofSeconds(1));
        board.report(report("wine-1", 0, TrainingRunReport.RUNNING));
        clock.advance(Duration.ofSeconds(1));
        TrainingRun updated = board.report(report("iris-1", 20, TrainingRunReport.COMPLETED));

        assertThat(updated.startedAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(updated.round()).isEqualTo(20);
        assertThat(updated.status()).isEqualTo("completed");
        assertThat(board.runs()).extracting(TrainingRun::runId).containsExactly("iris-1", "wine-1");
        assertThat(board.runs().getFirst()).isEqualTo(updated);
    }

    @Test
    void keepsTheMostRecentlyUpdatedRunsOnly() {
        TrainingRunBoard board = new TrainingRunBoard(clock, 3);
        for (String id : List.of("a", "b", "c")) {
            board.report(report(id, 1, TrainingRunReport.RUNNING));
            clock.advance(Duration.ofSeconds(1));
        }
        board.report(report("a", 2, TrainingRunReport.RUNNING)); // a is now the newest, b the oldest
        board.report(report("d", 1, TrainingRunReport.RUNNING));
        assertThat(board.runs()).extracting(TrainingRun::runId).containsExactly("d", "a", "c");
    }

    @Test
    void theDefaultBoardKeepsTwenty() {
        TrainingRunBoard board = new TrainingRunBoard();
        for (int i = 0; i < 25; i++) {
            board.report(report("run-" + i, 0, TrainingRunReport.RUNNING));
        }
        assertThat(board.runs()).hasSize(TrainingRunBoard.CAPACITY).first().extracting(TrainingRun::runId).isEqualTo("run-24");
        assertThat(board.runs().getLast().runId()).isEqualTo("run-5");
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new TrainingRunBoard(clock, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, but is 0");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
