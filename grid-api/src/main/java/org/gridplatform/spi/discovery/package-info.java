/**
 * The discovery SPI: how a grid finds which nodes hold data with given tags.
 *
 * <p>A plugin is a plain jar that depends on {@code grid-api} only. It registers a
 * {@link org.gridplatform.spi.discovery.DiscoveryStrategyFactory} in
 * {@code META-INF/services/org.gridplatform.spi.discovery.DiscoveryStrategyFactory}; the gateway
 * and node WARs load every factory with {@link java.util.ServiceLoader}, pick the one whose
 * {@link org.gridplatform.spi.discovery.DiscoveryStrategyFactory#name() name} equals the
 * configuration value {@code grid.discovery.strategy}, validate its declared keys, and create one
 * {@link org.gridplatform.spi.discovery.DiscoveryStrategy} for the life of the application.
 *
 * <p>Grid ships {@code central} (a registry in the gateway, the default) and {@code dht} (a Kademlia
 * distributed hash table in which every node is a gateway). See {@code docs/writing-a-discovery-plugin.md}.
 */
package org.gridplatform.spi.discovery;
