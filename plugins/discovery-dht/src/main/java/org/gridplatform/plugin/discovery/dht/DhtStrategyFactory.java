package org.gridplatform.plugin.discovery.dht;

import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.gridplatform.spi.discovery.LocalNode;

/**
 * The {@code dht} discovery strategy: the nodes form a Kademlia distributed hash table and every
 * node answers {@code /join} and {@code /search}, so that a grid needs no central gateway.
 *
 * <p>Each node's DHT key is the SHA-256 of its node id. For each tag of its datasets a node stores
 * a provider record (its id and address, with an expiry) on the k nodes closest to the SHA-256 of
 * the tag, and stores it again every {@code republish-interval}; a search looks up the records of
 * each tag and intersects their providers. Peers talk through the node's own HTTP listener:
 * {@code POST /discovery/ping}, {@code store}, {@code find-node} and {@code find-value}, with JSON
 * bodies that carry the sender's id and address.
 *
 * <p>Records are signed with the node's Ed25519 key ({@link org.gridplatform.spi.discovery.LocalNode#signer()},
 * kept by the node WAR in {@code <data-dir>/.node-key}): every answer carries the node's signed node record,
 * every provider record is signed by its provider, and nodes bind each id to the first key that proves itself
 * for it at the address it gives, refusing records of that id signed by other keys (docs/security.md, "Signed
 * DHT records").
 *
 * <p>Configured under {@code grid.discovery.dht.}: {@code bootstrap}, {@code k}, {@code alpha},
 * {@code rpc-timeout}, {@code republish-interval}, {@code record-ttl}, {@code refresh-interval},
 * {@code pinned-keys} (see {@link #configKeys()}). The strategy runs on nodes only; a gateway uses
 * {@code central}.
 */
public final class DhtStrategyFactory implements DiscoveryStrategyFactory {

    /** Creates the factory; cheap, starts nothing. */
    public DhtStrategyFactory() {
    }

    /** @return {@code dht} */
    @Override
    public String name() {
        return "dht";
    }

    @Override
    public Set<ConfigKey<?>> configKeys() {
        return DhtSettings.KEYS;
    }

    /**
     * @throws IllegalArgumentException if there is no local node (the gateway), or a setting cannot work
     * @throws IllegalStateException    if the host cannot read or write the node's signing key
     */
    @Override
    public DiscoveryStrategy create(PluginConfig config, DiscoveryContext context) {
        LocalNode local = context.localNode().orElseThrow(() -> new IllegalArgumentException(
                "The dht discovery strategy runs on nodes, each of which is part of the DHT; the gateway uses"
                        + " central: set grid.discovery.strategy=central on the gateway"));
        DhtStrategy strategy = new DhtStrategy(DhtSettings.from(config), context, local);
        strategy.start();
        return strategy;
    }
}
