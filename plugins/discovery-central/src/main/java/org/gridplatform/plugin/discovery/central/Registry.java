package org.gridplatform.plugin.discovery.central;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.gridplatform.api.GridException;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.ProblemType;
import org.gridplatform.spi.discovery.NodeRegistration;

/**
 * The nodes that joined, with the tags they announced. Soft state: nodes re-join periodically, so a
 * restarted gateway fills up again within one re-join interval. Thread-safe; atomic per node id.
 */
final class Registry {

    /** A registered node and the tags of each of its datasets, if it announced them. */
    record Member(NodeEntry entry, Optional<List<Set<String>>> tagSets) {
    }

    private final ConcurrentMap<String, Member> members = new ConcurrentHashMap<>();
    private final int maxNodes;
    private final Clock clock;

    Registry(int maxNodes, Clock clock) {
        this.maxNodes = maxNodes;
        this.clock = clock;
    }

    NodeEntry register(NodeRegistration node) {
        String id = node.nodeId();
        String address = node.address().toString();
        Instant now = clock.instant();
        if (!members.containsKey(id) && members.size() >= maxNodes) {
            throw new GridException(ProblemType.CONFLICT, "The gateway already holds its maximum of " + maxNodes
                    + " nodes; ask its operator to raise grid.discovery.central.max-nodes");
        }
        return members.compute(id, (key, known) -> {
            if (known == null) {
                return new Member(new NodeEntry(id, address, now, now), node.tagSets());
            }
            if (!known.entry().nodeAddress().equals(address)) {
                throw new GridException(ProblemType.CONFLICT, "The node-id \"" + id + "\" is already registered at "
                        + known.entry().nodeAddress() + "; join with another id, or leave first with DELETE /nodes/" + id);
            }
            return new Member(new NodeEntry(id, address, known.entry().joinedAt(), now), node.tagSets());
        }).entry();
    }

    boolean remove(String id) {
        return members.remove(id) != null;
    }

    /** @return the members ordered by id; a snapshot */
    List<Member> members() {
        return members.values().stream().sorted(Comparator.comparing(m -> m.entry().nodeId())).toList();
    }

    int size() {
        return members.size();
    }
}
