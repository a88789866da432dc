package org.gridplatform.api;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The body of {@code POST /join}: a node announces its id and the address where it answers.
 *
 * @param nodeId      the node's id, see {@link NodeIds}
 * @param nodeAddress the node's public address, see {@link NodeAddress}
 * @param tagSets     the tags of each of the node's datasets, one list per dataset, so that a gateway
 *                    can answer searches from an index with the same per-dataset semantics as asking
 *                    the node; {@code null} when the node does not announce them (as the design's and
 *                    PyGrid's nodes do not). At most {@link Limits#MAX_ANNOUNCED_TAGS} tags in all.
 */
public record JoinRequest(@JsonbProperty("node-id") String nodeId,
                          @JsonbProperty("node-address") String nodeAddress,
                          @JsonbProperty("tag-sets") List<List<String>> tagSets) {

    /** The constructor JSON-B reads with; a missing field is {@code null}. */
    @JsonbCreator
    public JoinRequest {
    }

    /**
     * A join without tags, as in the design.
     *
     * @param nodeId      the node's id
     * @param nodeAddress the node's address
     */
    public JoinRequest(String nodeId, String nodeAddress) {
        this(nodeId, nodeAddress, null);
    }
}
