package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.LocalNode;

/**
 * This node as the discovery strategy sees it: its id, its public address, and the tags of its
 * datasets now (what a DHT strategy publishes).
 */
@ApplicationScoped
public class NodeIdentityForDiscovery implements LocalNode {

    @Inject
    NodeSettings settings;

    @Inject
    DatasetCatalog catalog;

    @Override
    public String nodeId() {
        return settings.nodeId();
    }

    @Override
    public NodeAddress address() {
        return settings.address().orElseThrow(() -> new IllegalStateException(
                "grid.node.address is not set: a node that takes part in discovery must tell its public address, "
                        + "for example -Dgrid.node.address=http://127.0.0.1:8181"));
    }

    @Override
    public Set<String> tags() {
        return catalog.normalTags();
    }
}
