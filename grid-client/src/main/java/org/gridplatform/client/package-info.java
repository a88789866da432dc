/**
 * The Java client of Grid: {@link org.gridplatform.client.GatewayClient} for a gateway's search and
 * registry, {@link org.gridplatform.client.NodeClient} for a node's metadata. Every error answer of
 * a server becomes a {@link org.gridplatform.client.GridClientException} carrying its problem details.
 * {@code https} servers are checked against the JVM's default trust store, or against a
 * {@link org.gridplatform.client.TrustStore} given to the clients.
 */
package org.gridplatform.client;
