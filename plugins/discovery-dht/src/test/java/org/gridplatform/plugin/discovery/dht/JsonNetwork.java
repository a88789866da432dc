package org.gridplatform.plugin.discovery.dht;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.spi.discovery.MessageHandler;
import org.gridplatform.spi.discovery.NodeSigner;
import org.gridplatform.spi.testing.YassonJsonCodec;

/**
 * Real {@link DhtNode}s in real time that talk JSON to each other through their real
 * {@link DhtMessageHandler}s and {@link JsonRpcTransport}s, over {@link InMemoryNodeTransport} (the host's
 * HTTP client and listener, in memory): what a node WAR does, minus the sockets. A test may also listen
 * at an address with a handler of its own, to play a hostile peer.
 */
final class JsonNetwork implements AutoCloseable {

    /** The settings of the nodes: defaults, with a short RPC timeout. */
    static final DhtSettings SETTINGS = settings(Map.of());

    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    final InMemoryNodeTransport http = new InMemoryNodeTransport(threads);
    final YassonJsonCodec json = new YassonJsonCodec();
    private final Map<DhtNode, NodeSigner> signers = new ConcurrentHashMap<>();

    static DhtSettings settings(Map<String, NodeKey> pinned) {
        return new DhtSettings(List.of(), 20, 3, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(180),
                Duration.ofSeconds(60), pinned);
    }

    static NodeAddress address(int port) {
        return NodeAddress.parse("http://127.0.0.1:" + port, "address");
    }

    /** Adds a node with a key of its own at {@code http://127.0.0.1:<port>}, listening. */
    DhtNode add(String id, int port) {
        return add(id, address(port), NodeSigner.generate(), SETTINGS);
    }

    /** Adds a node, listening. */
    DhtNode add(String id, NodeAddress address, NodeSigner signer, DhtSettings settings) {
        Contact self = Contact.of(id, address);
        DhtNode node = new DhtNode(self, signer, settings, new JsonRpcTransport(self, http, json, settings.rpcTimeout()),
                Clock.systemUTC(), new Random(1), null, new Signatures(Signatures.DEFAULT_CAPACITY));
        listen(address, new DhtMessageHandler(node, json));
        signers.put(node, signer);
        return node;
    }

    /** @return the key a node signs with, for tests that sign in its name */
    NodeSigner signer(DhtNode node) {
        return signers.get(node);
    }

    /** Answers calls to an address with a handler (replacing the node that listened there, if any). */
    void listen(NodeAddress address, MessageHandler handler) {
        http.listen(address, handler);
    }

    /**
     * Listens at an address as a node that claims an id with a key of its choosing: it answers every message
     * with a node record of that id and address, signed by that key (find-node with no contacts, find-value
     * with no providers, a store with "not stored").
     */
    void impostor(Contact claimed, NodeSigner key) {
        listen(claimed.address(), (operation, body, sender) -> {
            long now = System.currentTimeMillis();
            NodeRecord record = NodeRecord.sign(claimed, key, NodeKey.of(key.publicKey()), now, now + 180_000);
            return json.toJson(switch (operation) {
                case WireFormat.STORE -> WireFormat.storeAnswer(record, false);
                case WireFormat.FIND_NODE -> WireFormat.findNodeAnswer(record, List.of());
                case WireFormat.FIND_VALUE -> WireFormat.findValueAnswer(record, RpcTransport.ValueReply.ofContacts(List.of()));
                default -> WireFormat.pingAnswer(record);
            });
        });
    }

    /** @return an RPC transport that sends as {@code sender}, whoever that claims to be */
    RpcTransport transportFrom(Contact sender) {
        return new JsonRpcTransport(sender, http, json, SETTINGS.rpcTimeout());
    }

    /** Waits up to 10 s for a condition that asynchronous work makes true (the machine may be busy). */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
