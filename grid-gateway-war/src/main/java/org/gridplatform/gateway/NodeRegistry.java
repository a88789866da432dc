package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.gridplatform.api.GridException;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.NodeIds;
import org.gridplatform.api.ProblemType;

/**
 * The nodes that have joined this gateway. Soft state: nodes re-join periodically, so a
 * restarted gateway fills up again by itself within one re-join interval.
 *
 * <p>Thread-safe; every operation is atomic per node id.
 */
@ApplicationScoped
public class NodeRegistry {

    private final ConcurrentMap<String, NodeEntry> nodes = new ConcurrentHashMap<>();
    private int maxNodes;
    private Clock clock;

    /** For CDI's proxy. */
    protected NodeRegistry() {
    }

    @Inject
    NodeRegistry(GatewaySettings settings) {
        this(settings.maxNodes(), Clock.systemUTC());
    }

    NodeRegistry(int maxNodes, Clock clock) {
        this.maxNodes = maxNodes;
        this.clock = clock;
    }

    /**
     * Registers a node, or refreshes it when the same id joins again from the same address.
     *
     * @param join the join request as received
     * @return the registered entry
     * @throws org.gridplatform.api.InvalidRequestException if the id or address breaks the rules
     * @throws GridException with {@link ProblemType#CONFLICT} if the id is registered at another
     *         address, or the registry is full
     */
    public NodeEntry join(JoinRequest join) {
        if (join == null) {
            throw new org.gridplatform.api.InvalidRequestException(
                    "The request body is required: send {\"node-id\": \"Bob\", \"node-address\": \"http://127.0.0.1:8181\"}");
        }
        String id = NodeIds.validate(join.nodeId(), "node-id");
        String address = NodeAddress.parse(join.nodeAddress(), "node-address").toString();
        Instant now = clock.instant();
        if (!nodes.containsKey(id) && nodes.size() >= maxNodes) {
            throw new GridException(ProblemType.CONFLICT, "The gateway already holds its maximum of " + maxNodes
                    + " nodes; ask its operator to raise grid.gateway.max-nodes");
        }
        return nodes.compute(id, (key, known) -> {
            if (known == null) {
                return new NodeEntry(id, address, now, now);
            }
            if (!known.nodeAddress().equals(address)) {
                throw new GridException(ProblemType.CONFLICT, "The node-id \"" + id + "\" is already registered at "
                        + known.nodeAddress() + "; join with another id, or leave first with DELETE /nodes/" + id);
            }
            return new NodeEntry(id, address, known.joinedAt(), now);
        });
    }

    /**
     * Removes a node.
     *
     * @param id the node's id as received
     * @throws GridException with {@link ProblemType#NOT_FOUND} if no such node is registered
     */
    public void leave(String id) {
        NodeIds.validate(id, "node id");
        if (nodes.remove(id) == null) {
            throw new GridException(ProblemType.NOT_FOUND, "No node with id \"" + id + "\" is registered; GET /nodes lists them");
        }
    }

    /** @return the registered nodes ordered by id; a snapshot */
    public List<NodeEntry> nodes() {
        return nodes.values().stream().sorted(Comparator.comparing(NodeEntry::nodeId)).toList();
    }

    /**
     * @param id a node id
     * @return the node, if registered
     */
    public Optional<NodeEntry> find(String id) {
        return Optional.ofNullable(nodes.get(id));
    }
}
