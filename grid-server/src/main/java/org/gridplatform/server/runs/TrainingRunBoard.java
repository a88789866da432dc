package org.gridplatform.server.runs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.gridplatform.api.training.TrainingRun;
import org.gridplatform.api.training.TrainingRunReport;

/**
 * The most recent federated-training runs that coordinators reported, for the dashboard: at most
 * {@value #CAPACITY}, one per run id, the least recently updated dropped first. In memory only; a
 * restarted gateway starts empty and fills again as coordinators report.
 *
 * <p>Display only: it keeps each run's last {@link TrainingRunReport} (ids, tags, progress and
 * aggregate metrics), never data, parameters or models. Thread-safe.
 */
@ApplicationScoped
public class TrainingRunBoard {

    /** How many runs the board keeps. */
    public static final int CAPACITY = 20;

    private final Clock clock;
    private final int capacity;
    /** Run id to run, the least recently updated first. */
    private final LinkedHashMap<String, TrainingRun> runs = new LinkedHashMap<>();

    /** A board of {@value #CAPACITY} runs on the system clock. */
    public TrainingRunBoard() {
        this(Clock.systemUTC(), CAPACITY);
    }

    /**
     * @param clock    the clock of {@code started-at} and {@code updated-at}
     * @param capacity how many runs to keep, at least 1
     */
    public TrainingRunBoard(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but is " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Adds a run, or replaces the run with the same id (keeping when it started).
     *
     * @param report a valid report (see {@link TrainingRunReader})
     * @return the run as the board now holds it
     */
    public synchronized TrainingRun report(TrainingRunReport report) {
        Instant now = clock.instant();
        TrainingRun previous = runs.remove(report.runId());
        TrainingRun run = TrainingRun.of(report, previous == null ? now : previous.startedAt(), now);
        runs.put(run.runId(), run);
        Iterator<TrainingRun> oldest = runs.values().iterator();
        while (runs.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
        return run;
    }

    /** @return the runs, the most recently updated first */
    public synchronized List<TrainingRun> runs() {
        List<TrainingRun> newestFirst = new ArrayList<>(runs.values());
        return newestFirst.reversed();
    }
}
