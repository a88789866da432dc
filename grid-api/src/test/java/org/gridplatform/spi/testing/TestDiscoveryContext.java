package org.gridplatform.spi.testing;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeSigner;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * For plugin tests: what a WAR gives a discovery strategy, with the transport, scheduler and local
 * node a test chooses. Shipped in grid-api's test jar.
 *
 * @param transport the transport, may be {@code null} if the strategy never calls nodes
 * @param json      the JSON codec
 * @param scheduler the scheduler, may be {@code null} if the strategy schedules nothing
 * @param local     the local node, or {@code null} for a gateway
 * @param down      the ids of the nodes the host's health sweeps would report {@code DOWN}; a test
 *                  may change the set while the strategy runs
 */
public record TestDiscoveryContext(NodeTransport transport, JsonCodec json, ScheduledExecutorService scheduler,
                                   LocalNode local, Set<String> down) implements DiscoveryContext {

    /**
     * A context in which no node is {@code DOWN}.
     *
     * @param transport the transport, may be {@code null} if the strategy never calls nodes
     * @param json      the JSON codec
     * @param scheduler the scheduler, may be {@code null} if the strategy schedules nothing
     * @param local     the local node, or {@code null} for a gateway
     */
    public TestDiscoveryContext(NodeTransport transport, JsonCodec json, ScheduledExecutorService scheduler, LocalNode local) {
        this(transport, json, scheduler, local, ConcurrentHashMap.newKeySet());
    }

    /** @return a gateway's context with the given transport, Yasson JSON and no scheduler */
    public static TestDiscoveryContext gateway(NodeTransport transport) {
        return new TestDiscoveryContext(transport, new YassonJsonCodec(), null, null);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Optional<LocalNode> localNode() {
        return Optional.ofNullable(local);
    }

    @Override
    public boolean isDown(String nodeId) {
        return down.contains(nodeId);
    }

    /** A local node whose tags a test can change, with a signing key of its own held in memory. */
    public static final class Node implements LocalNode {
        private final String id;
        private final NodeAddress address;
        private final NodeSigner signer = NodeSigner.generate();
        /** The node's tags in normal form; tests add and remove. */
        public final Set<String> tags = ConcurrentHashMap.newKeySet();

        /**
         * @param id      the node id
         * @param address the node address
         * @param tags    its tags in normal form
         */
        public Node(String id, String address, String... tags) {
            this.id = id;
            this.address = NodeAddress.parse(address, "address");
            this.tags.addAll(Set.of(tags));
        }

        @Override
        public String nodeId() {
            return id;
        }

        @Override
        public NodeAddress address() {
            return address;
        }

        @Override
        public Set<String> tags() {
            return Set.copyOf(tags);
        }

        @Override
        public Optional<NodeSigner> signer() {
            return Optional.of(signer);
        }
    }
}
