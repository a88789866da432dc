package org.gridplatform.client.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A gateway and its nodes on this machine, each a Payara Micro process on 127.0.0.1: what
 * {@code ./grid up} and {@code ./grid demo} run, and what the integration tests boot.
 *
 * <p>{@link #close()} stops the nodes first (so they leave the gateway), then the gateway.
 */
public final class LocalGrid implements AutoCloseable {

    /** The heap of a gateway process. */
    public static final String GATEWAY_HEAP = "256m";
    /** The heap of a node process. */
    public static final String NODE_HEAP = "384m";

    private final Distribution dist;
    private final Path logDir;
    private final List<String> jvmOptions;
    private final List<ServerProcess> servers = new ArrayList<>();
    private volatile boolean closing;
    private ServerProcess gateway;
    private ServerTls tls = ServerTls.NONE;

    /**
     * @param dist   where Payara Micro and the WARs are
     * @param logDir where each server's log goes, as {@code <name>.log}
     */
    public LocalGrid(Distribution dist, Path logDir) {
        this(dist, logDir, ServerProcess.QUICK_START);
    }

    /**
     * @param dist       where Payara Micro and the WARs are
     * @param logDir     where each server's log goes, as {@code <name>.log}
     * @param jvmOptions JVM options of every server; benchmarks pass none, to run with the full JIT
     */
    public LocalGrid(Distribution dist, Path logDir, List<String> jvmOptions) {
        this.dist = dist;
        this.logDir = logDir;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Gives every server started from now on this TLS: an HTTPS listener on its HTTPS port with this key,
     * plain HTTP on or off, and the trust store of its own calls. Nodes then register their {@code https}
     * address, and join the gateway at its {@code https} address.
     *
     * @param tls the servers' TLS
     * @return this grid
     */
    public LocalGrid tls(ServerTls tls) {
        this.tls = java.util.Objects.requireNonNull(tls, "tls");
        return this;
    }

    /**
     * A node to start.
     *
     * @param id        its id
     * @param port      its HTTP port
     * @param httpsPort its HTTPS port, used when the grid has {@linkplain #tls(ServerTls) TLS}; 0 for none
     * @param dataDir   its data directory
     * @param config    its extra configuration
     */
    public record NodeSpec(String id, int port, int httpsPort, Path dataDir, Map<String, String> config) {

        /** A node without an HTTPS port. */
        public NodeSpec(String id, int port, Path dataDir, Map<String, String> config) {
            this(id, port, 0, dataDir, config);
        }
    }

    /**
     * Starts a gateway and nodes in parallel and waits until all are ready.
     *
     * @param gatewayPort   the gateway's port
     * @param gatewayConfig extra gateway configuration
     * @param nodes         the nodes
     * @param timeout       how long each server may take to be ready
     * @return this grid
     * @throws IOException naming the server that failed, with the end of its log
     */
    public LocalGrid start(int gatewayPort, Map<String, String> gatewayConfig, List<NodeSpec> nodes, Duration timeout)
            throws IOException, InterruptedException {
        return start(gatewayPort, 0, gatewayConfig, nodes, timeout);
    }

    /**
     * Starts a gateway and nodes in parallel and waits until all are ready.
     *
     * @param gatewayPort      the gateway's HTTP port
     * @param gatewayHttpsPort the gateway's HTTPS port, used with {@linkplain #tls(ServerTls) TLS}
     * @param gatewayConfig    extra gateway configuration
     * @param nodes            the nodes
     * @param timeout          how long each server may take to be ready
     * @return this grid
     * @throws IOException naming the server that failed, with the end of its log
     */
    public LocalGrid start(int gatewayPort, int gatewayHttpsPort, Map<String, String> gatewayConfig, List<NodeSpec> nodes,
                           Duration timeout) throws IOException, InterruptedException {
        ensureFree(gatewayPort, gatewayHttpsPort);
        for (NodeSpec node : nodes) {
            ensureFree(node.port(), node.httpsPort());
        }
        gateway = startGateway(gatewayPort, gatewayHttpsPort, gatewayConfig);
        for (NodeSpec node : nodes) {
            startNode(node);
        }
        awaitReady(servers, timeout);
        return this;
    }

    /**
     * Starts the gateway (not waiting for it).
     *
     * @param port   its port
     * @param config extra configuration
     * @return the process
     */
    public ServerProcess startGateway(int port, Map<String, String> config) throws IOException {
        return startGateway(port, 0, config);
    }

    /**
     * Starts the gateway (not waiting for it).
     *
     * @param port      its HTTP port
     * @param httpsPort its HTTPS port, used with {@linkplain #tls(ServerTls) TLS}
     * @param config    extra configuration
     * @return the process
     */
    public ServerProcess startGateway(int port, int httpsPort, Map<String, String> config) throws IOException {
        ServerProcess server = ServerProcess.start(dist, dist.gatewayWar(), "gateway", port, httpsPort, config, GATEWAY_HEAP,
                jvmOptions, List.of(), logDir.resolve("gateway.log"), tls);
        servers.add(server);
        gateway = server;
        return server;
    }

    /**
     * Starts a fully distributed grid: nodes with the {@code dht} discovery strategy and no gateway.
     * The first node starts alone; the others bootstrap through it and start in parallel once it is
     * ready.
     *
     * @param nodes   the nodes; at least one
     * @param config  extra configuration of every node
     * @param timeout how long each node may take to be ready
     * @return this grid
     * @throws IOException naming the node that failed, with the end of its log
     */
    public LocalGrid startDht(List<NodeSpec> nodes, Map<String, String> config, Duration timeout)
            throws IOException, InterruptedException {
        for (NodeSpec node : nodes) {
            ensureFree(node.port(), node.httpsPort());
        }
        Map<String, String> dht = new LinkedHashMap<>(config);
        dht.put("grid.discovery.strategy", "dht");
        ServerProcess first = startNode(withConfig(nodes.getFirst(), dht));
        awaitReady(List.of(first), timeout);
        dht.put("grid.discovery.dht.bootstrap", first.url().toString());
        List<ServerProcess> rest = new ArrayList<>();
        for (NodeSpec node : nodes.subList(1, nodes.size())) {
            rest.add(startNode(withConfig(node, dht)));
        }
        awaitReady(rest, timeout);
        return this;
    }

    private static NodeSpec withConfig(NodeSpec node, Map<String, String> config) {
        Map<String, String> merged = new LinkedHashMap<>(config);
        merged.putAll(node.config());
        return new NodeSpec(node.id(), node.port(), node.httpsPort(), node.dataDir(), merged);
    }

    /**
     * Starts a node (not waiting for it); it joins this grid's gateway if the grid has one.
     *
     * @param node the node
     * @return the process
     */
    public ServerProcess startNode(NodeSpec node) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("grid.node.id", node.id());
        config.put("grid.node.address", tls.https() ? "https://127.0.0.1:" + node.httpsPort() : "http://127.0.0.1:" + node.port());
        if (gateway != null) {
            config.put("grid.node.gateway", gateway.url().toString());
        }
        config.put("grid.node.data-dir", node.dataDir().toAbsolutePath().toString());
        config.putAll(node.config());
        ServerProcess server = ServerProcess.start(dist, dist.nodeWar(), "node " + node.id(), node.port(), node.httpsPort(),
                config, NODE_HEAP, jvmOptions, List.of(), logDir.resolve("node-" + node.id() + ".log"), tls);
        servers.add(server);
        return server;
    }

    /** Checks the ports this grid's TLS uses, before any server starts. */
    private void ensureFree(int port, int httpsPort) throws ServerProcess.PortInUseException {
        if (tls.http()) {
            ServerProcess.ensureFree(port);
        }
        if (tls.https()) {
            ServerProcess.ensureFree(httpsPort, "--https-port");
        }
    }

    /**
     * Waits for several servers at once.
     *
     * @param waiting the servers
     * @param timeout how long each may take
     * @throws IOException for the first that failed
     */
    public static void awaitReady(List<ServerProcess> waiting, Duration timeout) throws IOException, InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> ready = new ArrayList<>();
            for (ServerProcess server : waiting) {
                ready.add(pool.submit(() -> {
                    server.awaitReady(timeout);
                    return null;
                }));
            }
            for (Future<Void> f : ready) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /** @return the gateway, or {@code null} in a fully distributed grid */
    public ServerProcess gateway() {
        return gateway;
    }

    /** @return every server started, gateway first */
    public List<ServerProcess> servers() {
        return List.copyOf(servers);
    }

    /** @return the nodes' processes */
    public List<ServerProcess> nodes() {
        return servers.stream().filter(s -> s != gateway).toList();
    }

    /** @return whether {@link #close()} has begun: servers that stop now were asked to */
    public boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServerProcess node : nodes()) {
                pool.submit(node::close);
            }
        }
        if (gateway != null) {
            gateway.close();
        }
    }
}
