package org.gridplatform.plugin.discovery.central;

import java.util.List;
import java.util.Map;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.DiscoveryHealth;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.NodeRegistration;
import org.gridplatform.spi.discovery.SearchResult;

/** The registry plus the configured search mode. Thread-safe. */
final class CentralStrategy implements DiscoveryStrategy {

    private final Registry registry;
    private final NodeSearch search;

    CentralStrategy(Registry registry, NodeSearch search) {
        this.registry = registry;
        this.search = search;
    }

    @Override
    public NodeEntry register(NodeRegistration registration) {
        return registry.register(registration);
    }

    @Override
    public boolean remove(String nodeId) {
        return registry.remove(nodeId);
    }

    @Override
    public SearchResult search(TagQuery query) {
        return search.search(query, registry.members());
    }

    @Override
    public List<NodeEntry> nodes() {
        return registry.members().stream().map(Registry.Member::entry).toList();
    }

    @Override
    public DiscoveryHealth health() {
        return new DiscoveryHealth(true, Map.of("registered-nodes", (long) registry.size(), "search-mode", search.mode()));
    }

    @Override
    public void close() {
        // nothing runs in the background
    }
}
