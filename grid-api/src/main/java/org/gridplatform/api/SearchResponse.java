package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The gateway's answer to {@code POST /search}.
 *
 * @param nodeAddresses the nodes holding a matching dataset, as {@code [id, address]} pairs
 *                      ordered by node id (the design's shape)
 * @param unanswered    ids of the nodes that did not answer in time or answered with an error,
 *                      ordered by id; an addition to the design that older clients ignore
 */
public record SearchResponse(@JsonbProperty("node-addresses") List<List<String>> nodeAddresses,
                             @JsonbProperty("unanswered-nodes") List<String> unanswered) {
}
