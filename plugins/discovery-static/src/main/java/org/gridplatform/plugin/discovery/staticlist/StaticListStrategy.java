package org.gridplatform.plugin.discovery.staticlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.NodeIds;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.TagQuery;
import org.gridplatform.api.Tags;
import org.gridplatform.spi.discovery.DiscoveryHealth;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.SearchResult;

/** Answers from the fixed list; joins and leaves are refused, since the list is the operator's. Immutable, so thread-safe. */
final class StaticListStrategy implements DiscoveryStrategy {

    private record Member(NodeEntry entry, List<Set<String>> datasets) {
    }

    private final List<Member> members;

    StaticListStrategy(StaticNodeList list, Instant loaded) {
        if (list.nodes() == null) {
            throw new InvalidRequestException("the field 'nodes' is missing");
        }
        List<Member> read = new ArrayList<>();
        for (StaticNodeList.Node node : list.nodes()) {
            String id = NodeIds.validate(node.id(), "id");
            String address = NodeAddress.parse(node.address(), "address").toString();
            List<Set<String>> datasets = new ArrayList<>();
            for (List<String> tags : node.datasets() == null ? List.<List<String>>of() : node.datasets()) {
                datasets.add(Set.copyOf(tags.stream().map(t -> Tags.validate(t, "a tag of " + id)).toList()));
            }
            read.add(new Member(new NodeEntry(id, address, loaded, loaded), datasets));
        }
        read.sort(Comparator.comparing(m -> m.entry().nodeId()));
        this.members = List.copyOf(read);
    }

    @Override
    public NodeEntry register(NodeRegistration registration) {
        throw new GridException(ProblemType.CONFLICT, "This grid uses a fixed list of nodes (grid.discovery.strategy=static); "
                + "ask its operator to add " + registration.nodeId() + " to the list");
    }

    @Override
    public boolean remove(String nodeId) {
        throw new GridException(ProblemType.CONFLICT, "This grid uses a fixed list of nodes (grid.discovery.strategy=static); "
                + "ask its operator to remove " + nodeId + " from the list");
    }

    @Override
    public SearchResult search(TagQuery query) {
        return new SearchResult(members.stream()
                .filter(m -> m.datasets().stream().anyMatch(tags -> tags.containsAll(query.tags())))
                .map(Member::entry)
                .toList(), List.of(), 0);
    }

    @Override
    public List<NodeEntry> nodes() {
        return members.stream().map(Member::entry).toList();
    }

    @Override
    public DiscoveryHealth health() {
        return new DiscoveryHealth(true, Map.of("listed-nodes", (long) members.size()));
    }

    @Override
    public void close() {
        // nothing to release
    }
}
