package org.gridplatform.server.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.Limits;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.NodeIds;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.TagQuery;
import org.gridplatform.api.Tags;
import org.gridplatform.server.metrics.GatewayMetrics;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.SearchResult;

/**
 * The grid's directory of nodes as the gateway role serves it ({@code /join}, {@code /search},
 * {@code /nodes}): validates requests, then asks the configured discovery strategy.
 */
@ApplicationScoped
public class NodeDirectory {

    @Inject
    DiscoveryHost host;

    @Inject
    org.gridplatform.server.health.HealthMonitor health;

    @Inject
    GatewayMetrics metrics;

    /**
     * @param join the request as received
     * @return the registered entry
     */
    public NodeEntry join(JoinRequest join) {
        if (join == null) {
            throw new InvalidRequestException(
                    "The request body is required: send {\"node-id\": \"Bob\", \"node-address\": \"http://127.0.0.1:8181\"}");
        }
        String id = NodeIds.validate(join.nodeId(), "node-id");
        NodeAddress address = NodeAddress.parse(join.nodeAddress(), "node-address");
        host.checkAddress(address, "node-address");
        NodeEntry entry = host.strategy().register(new NodeRegistration(id, address, tagSets(join.tagSets())));
        health.joined(entry);
        // A strategy gives a node it did not hold the same joined-at and last-seen; a refresh moves last-seen only.
        metrics.joined(entry.joinedAt().equals(entry.lastSeen()) ? GatewayMetrics.JoinOutcome.NEW : GatewayMetrics.JoinOutcome.REFRESH);
        return entry;
    }

    private static Optional<List<Set<String>>> tagSets(List<List<String>> announced) {
        if (announced == null) {
            return Optional.empty();
        }
        int total = 0;
        List<Set<String>> sets = new ArrayList<>(announced.size());
        for (int d = 0; d < announced.size(); d++) {
            List<String> tags = announced.get(d);
            if (tags == null) {
                throw new InvalidRequestException("tag-sets[" + d + "] is null; send one list of tags per dataset");
            }
            total += tags.size();
            if (total > Limits.MAX_ANNOUNCED_TAGS) {
                throw new InvalidRequestException("The field 'tag-sets' has more than " + Limits.MAX_ANNOUNCED_TAGS
                        + " tags in all; announce fewer");
            }
            Set<String> normal = new java.util.HashSet<>();
            for (int t = 0; t < tags.size(); t++) {
                normal.add(Tags.validate(tags.get(t), "tag-sets[" + d + "][" + t + "]"));
            }
            sets.add(normal);
        }
        return Optional.of(sets);
    }

    /** @param id the id of the node that leaves */
    public void leave(String id) {
        NodeIds.validate(id, "node id");
        if (!host.strategy().remove(id)) {
            throw new GridException(ProblemType.NOT_FOUND, "No node with id \"" + id + "\" is registered; GET /nodes lists them");
        }
        health.left(id);
    }

    /**
     * @param request the request as received
     * @return the design's answer
     */
    public SearchResponse search(SearchRequest request) {
        if (request == null) {
            throw new InvalidRequestException("The request body is required: send {\"query\": [\"#tag\", ...]}");
        }
        TagQuery query = TagQuery.of(request.query());
        long start = System.nanoTime();
        SearchResult result = host.strategy().search(query);
        // Nodes the health sweeps found DOWN are left out: a data scientist is never sent to a node that is gone.
        SearchResponse answer = new SearchResponse(result.found().stream().filter(n -> !health.isDown(n.nodeId()))
                .map(n -> List.of(n.nodeId(), n.nodeAddress())).toList(),
                result.unanswered().stream().filter(id -> !health.isDown(id)).toList());
        metrics.searched(System.nanoTime() - start, result.asked());
        return answer;
    }

    /** @return the known nodes ordered by id */
    public List<NodeEntry> nodes() {
        return host.strategy().nodes();
    }
}
