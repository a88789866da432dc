package org.gridplatform.spi.discovery;

import java.util.List;
import org.gridplatform.api.NodeEntry;

/**
 * What a search found.
 *
 * @param found      the nodes holding a matching dataset, ordered by id
 * @param unanswered ids of nodes that were asked and did not answer in time, ordered
 * @param asked      how many nodes (or peers) the search sent a message to, whether they answered or not:
 *                   the search's fan-out, which the host reports as the metric {@code grid_search_fanout_nodes};
 *                   0 for a search answered without calling anyone (from an index or a list), or
 *                   {@link #UNKNOWN} when the strategy does not say
 */
public record SearchResult(List<NodeEntry> found, List<String> unanswered, int asked) {

    /** The value of {@link #asked()} from a strategy that does not count the nodes it asks. */
    public static final int UNKNOWN = -1;

    /** Copies the lists. */
    public SearchResult {
        found = List.copyOf(found);
        unanswered = List.copyOf(unanswered);
        if (asked < UNKNOWN) {
            throw new IllegalArgumentException("asked is " + asked + ": use 0 or more, or SearchResult.UNKNOWN");
        }
    }

    /**
     * A result that does not say how many nodes were asked ({@link #UNKNOWN}); strategies written
     * before {@link #asked()} existed use it.
     *
     * @param found      the nodes holding a matching dataset, ordered by id
     * @param unanswered ids of nodes that were asked and did not answer in time, ordered
     */
    public SearchResult(List<NodeEntry> found, List<String> unanswered) {
        this(found, unanswered, UNKNOWN);
    }
}
