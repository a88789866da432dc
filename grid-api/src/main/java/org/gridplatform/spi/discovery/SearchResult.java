package org.gridplatform.spi.discovery;

import java.util.List;
import org.gridplatform.api.NodeEntry;

/**
 * What a search found.
 *
 * @param found      the nodes holding a matching dataset, ordered by id
 * @param unanswered ids of nodes that were asked and did not answer in time, ordered
 */
public record SearchResult(List<NodeEntry> found, List<String> unanswered) {

    /** Copies the lists. */
    public SearchResult {
        found = List.copyOf(found);
        unanswered = List.copyOf(unanswered);
    }
}
