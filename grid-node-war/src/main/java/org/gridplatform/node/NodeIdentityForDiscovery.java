package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * This node as the discovery strategy sees it: its id, its public address, the tags of its
 * datasets now (what a DHT strategy publishes), and its signing key ({@code <data-dir>/.node-key},
 * made when a strategy first asks for it).
 */
@ApplicationScoped
public class NodeIdentityForDiscovery implements LocalNode {

    @Inject
    NodeSettings settings;

    @Inject
    DatasetCatalog catalog;

    private volatile NodeSigner signer;

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

    @Override
    public Optional<NodeSigner> signer() {
        NodeSigner known = signer;
        if (known == null) {
            synchronized (this) {
                if (signer == null) {
                    try {
                        signer = NodeSigningKey.loadOrCreate(settings.dataDir());
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot keep the node's signing key, with which it signs what it"
                                + " announces in its name: " + e.getMessage(), e);
                    }
                }
                known = signer;
            }
        }
        return Optional.of(known);
    }
}
