package org.gridplatform.plugin.discovery.dht;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeTransport;

/** What a node WAR gives a strategy, for tests. */
final class TestContext implements DiscoveryContext {

    /** A local node whose tags a test can change. */
    static final class Node implements LocalNode {
        private final String id;
        private final NodeAddress address;
        final Set<String> tags = ConcurrentHashMap.newKeySet();

        Node(String id, String address, String... tags) {
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
    }

    private final NodeTransport transport;
    private final JsonCodec json;
    private final ScheduledExecutorService scheduler;
    private final LocalNode local;

    TestContext(NodeTransport transport, JsonCodec json, ScheduledExecutorService scheduler, LocalNode local) {
        this.transport = transport;
        this.json = json;
        this.scheduler = scheduler;
        this.local = local;
    }

    @Override
    public NodeTransport transport() {
        return transport;
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Optional<LocalNode> localNode() {
        return Optional.ofNullable(local);
    }
}
