package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridplatform.api.Durations;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeIds;
import org.gridplatform.server.discovery.DiscoveryHost;

/**
 * The node's configuration, from MicroProfile Config: system properties such as
 * {@code -Dgrid.node.id=Bob} or environment variables such as {@code GRID_NODE_ID=Bob}.
 * A value that breaks a rule stops the deployment with a message naming the key.
 */
@ApplicationScoped
public class NodeSettings {

    private String nodeId;
    private Optional<NodeAddress> address;
    private Optional<NodeAddress> gateway;
    private Path dataDir;
    private Duration rejoinInterval;
    private Optional<String> joinToken = Optional.empty();

    /** For CDI's proxy. */
    protected NodeSettings() {
    }

    @Inject
    NodeSettings(@ConfigProperty(name = "grid.node.id") Optional<String> nodeId,
                 @ConfigProperty(name = "grid.node.address") Optional<String> address,
                 @ConfigProperty(name = "grid.node.gateway") Optional<String> gateway,
                 @ConfigProperty(name = "grid.node.data-dir", defaultValue = "data") String dataDir,
                 @ConfigProperty(name = "grid.node.rejoin-interval", defaultValue = "30s") String rejoinInterval,
                 @ConfigProperty(name = DatasetResources.MAX_UPLOAD_BYTES) Optional<String> maxUploadBytes,
                 @ConfigProperty(name = "grid.node.join-token") Optional<String> joinToken) {
        try {
            read(nodeId, address, gateway, dataDir, rejoinInterval);
            this.joinToken = joinToken.map(String::strip).filter(t -> !t.isEmpty());
            // Read by BodySizeLimit for the upload endpoint; checked here so that a bad value stops the deployment.
            maxUploadBytes.ifPresent(NodeSettings::checkMaxUploadBytes);
        } catch (IllegalArgumentException e) {
            java.util.logging.Logger.getLogger(NodeSettings.class.getName()).severe(DiscoveryHost.CONFIGURATION_ERROR + e.getMessage());
            throw e;
        }
    }

    private void read(Optional<String> nodeId, Optional<String> address, Optional<String> gateway, String dataDir,
                      String rejoinInterval) {
        this.nodeId = config("grid.node.id", () -> NodeIds.validate(nodeId.orElseThrow(
                () -> new IllegalArgumentException("grid.node.id is not set: give the node an id, for example "
                        + "-Dgrid.node.id=Bob or GRID_NODE_ID=Bob")), "grid.node.id"));
        this.address = address.map(a -> config("grid.node.address", () -> NodeAddress.parse(a, "grid.node.address")));
        this.gateway = gateway.filter(g -> !g.isBlank()).map(g -> config("grid.node.gateway", () -> NodeAddress.parse(g, "grid.node.gateway")));
        if (this.gateway.isPresent() && this.address.isEmpty()) {
            throw new IllegalArgumentException("grid.node.address is not set, but grid.node.gateway is: tell the node the "
                    + "address the gateway should give to clients, for example -Dgrid.node.address=http://127.0.0.1:8181");
        }
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
        this.rejoinInterval = Durations.parse(rejoinInterval, "grid.node.rejoin-interval");
        if (this.rejoinInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("grid.node.rejoin-interval must be at least 1s, but is " + rejoinInterval);
        }
    }

    private static void checkMaxUploadBytes(String value) {
        long bytes;
        try {
            bytes = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value for " + DatasetResources.MAX_UPLOAD_BYTES + ": \"" + value
                    + "\" is not a number of bytes, for example 268435456 for 256 MiB");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException(DatasetResources.MAX_UPLOAD_BYTES + " must be at least 1, but is " + value);
        }
    }

    private static <T> T config(String key, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException("Invalid value for " + key + ": " + e.getMessage(), e);
        }
    }

    /** @return the closed grid's join token ({@code grid.node.join-token}), sent with every join, if set */
    public Optional<String> joinToken() {
        return joinToken;
    }

    /** @return this node's id */
    public String nodeId() {
        return nodeId;
    }

    /** @return the address clients reach this node at, if configured */
    public Optional<NodeAddress> address() {
        return address;
    }

    /** @return the gateway to join, if any; without one the node runs on its own */
    public Optional<NodeAddress> gateway() {
        return gateway;
    }

    /** @return the directory that holds the datasets */
    public Path dataDir() {
        return dataDir;
    }

    /** @return how often the node re-joins its gateway */
    public Duration rejoinInterval() {
        return rejoinInterval;
    }

    /** @return the gateway's {@code /join} endpoint, if a gateway is configured */
    public Optional<URI> joinEndpoint() {
        return gateway.map(g -> g.resolve("/join"));
    }
}
