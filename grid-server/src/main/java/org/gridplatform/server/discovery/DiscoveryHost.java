package org.gridplatform.server.discovery;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.server.config.MicroProfilePluginConfig;
import org.gridplatform.server.security.AddressPolicy;
import org.gridplatform.server.security.OutgoingTls;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.gridplatform.spi.discovery.JsonCodec;
import org.gridplatform.spi.discovery.LocalNode;
import org.gridplatform.spi.discovery.NodeTransport;

/**
 * Loads the discovery plugins at deployment, creates the strategy named by
 * {@code grid.discovery.strategy} (default {@code central}) with its validated configuration, and
 * closes it at undeployment. A configuration error stops the deployment with a message that says
 * how to fix it; nothing else does.
 */
@ApplicationScoped
public class DiscoveryHost {

    /** The strategy used when none is configured. */
    public static final String DEFAULT_STRATEGY = "central";

    private static final Logger LOG = Logger.getLogger(DiscoveryHost.class.getName());

    @Inject
    Config config;

    @Inject
    Instance<LocalNode> localNode;

    private ScheduledExecutorService scheduler;

    private HttpNodeTransport transport;
    private AddressPolicy policy = AddressPolicy.DEFAULT;
    private JsonbCodec json;
    private String name;
    private DiscoveryStrategy strategy;
    /** What the health sweeps found DOWN; none until {@link #downNodes} is called (a host without sweeps). */
    private volatile Predicate<String> down = id -> false;

    /** Starts the strategy; a configuration error is logged in one line that launchers can show, then stops the deployment. */
    @PostConstruct
    void start() {
        try {
            create();
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.severe(CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
    }

    /** Starts the line that reports a configuration error that stops the deployment. */
    public static final String CONFIGURATION_ERROR = "Grid configuration error: ";

    private void create() {
        scheduler = defaultScheduler();
        name = config.getOptionalValue(DiscoveryPlugins.STRATEGY_KEY, String.class).map(String::strip).orElse(DEFAULT_STRATEGY);
        // This class's own loader (the WAR's), not the thread's: the first use may come on a thread of another
        // application, such as MicroProfile Health's probe of /health/ready while the WAR still deploys.
        DiscoveryPlugins plugins = DiscoveryPlugins.load(DiscoveryHost.class.getClassLoader());
        DiscoveryStrategyFactory factory = plugins.select(name);
        MicroProfilePluginConfig pluginConfig = new MicroProfilePluginConfig(config, "grid.discovery." + name, factory.configKeys());
        policy = AddressPolicy.read(key -> config.getOptionalValue(key, String.class).orElse(null));
        transport = new HttpNodeTransport(policy, OutgoingTls.read(key -> config.getOptionalValue(key, String.class).orElse(null)));
        json = new JsonbCodec();
        Optional<LocalNode> self = localNode.isResolvable() ? Optional.of(localNode.get()) : Optional.empty();
        if (self.isPresent() && DEFAULT_STRATEGY.equals(name)) {
            // A node in a central grid joins its gateway; it keeps no registry of its own.
            LOG.info("Discovery strategy: central; this node joins a gateway (grid.node.gateway)");
            return;
        }
        strategy = factory.create(pluginConfig, new Context(transport, json, scheduler, self, id -> down.test(id)));
        LOG.info(() -> "Discovery strategy: " + name + " (available: " + String.join(", ", plugins.names()) + ")");
    }

    /**
     * The server's default managed scheduled executor. Looked up rather than injected with
     * {@code @Resource}: Payara does not resolve resource injection into beans of a library jar
     * (it looks for an environment entry of the WAR that does not exist).
     */
    private static ScheduledExecutorService defaultScheduler() {
        try {
            return (ScheduledExecutorService) new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException e) {
            throw new IllegalStateException("The server has no default managed scheduled executor (Jakarta Concurrency)", e);
        }
    }

    /**
     * @return the strategy, created at deployment
     * @throws IllegalStateException on a node of a {@code central} grid, which has none (it joins a gateway)
     */
    public DiscoveryStrategy strategy() {
        if (strategy == null) {
            throw new IllegalStateException("This node joins a gateway and keeps no discovery strategy of its own");
        }
        return strategy;
    }

    /** @return whether this server runs a strategy: a gateway, or a node that is a gateway itself */
    public boolean runsStrategy() {
        return strategy != null;
    }

    /** @return the strategy's configured name, such as {@code central} */
    public String strategyName() {
        return name;
    }

    /** @return the HTTP transport, shared with the host's own calls to nodes */
    public NodeTransport transport() {
        return transport;
    }

    /**
     * Checks a node's address against the address policy ({@code grid.security.allowed-networks},
     * {@code grid.security.denied-networks}; never link-local or metadata addresses).
     *
     * @param address the address a node registers
     * @param field   the request field, for the message
     * @throws InvalidRequestException saying why the address is refused
     */
    public void checkAddress(NodeAddress address, String field) {
        policy.refusal(address.uri()).ifPresent(why -> {
            throw new InvalidRequestException("The " + field + " " + address + " is refused: " + why
                    + "; register an address the gateway may call");
        });
    }

    /** @return the JSON codec */
    public JsonCodec json() {
        return json;
    }

    @PreDestroy
    void stop() {
        if (strategy != null) {
            try {
                strategy.close();
            } catch (RuntimeException e) {
                LOG.warning("The discovery strategy " + name + " failed to close: " + e);
            }
        }
        if (transport != null) {
            transport.close();
        }
    }

    /**
     * Tells the strategy which nodes the health sweeps found DOWN ({@link DiscoveryContext#isDown}).
     *
     * @param isDown answers for a node id, from the sweeps' latest state
     */
    public void downNodes(Predicate<String> isDown) {
        down = isDown;
    }

    private record Context(NodeTransport transport, JsonCodec json, ScheduledExecutorService scheduler,
                           Optional<LocalNode> localNode, Predicate<String> down) implements DiscoveryContext {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public boolean isDown(String nodeId) {
            return down.test(nodeId);
        }
    }
}
