/**
 * The {@code dht} discovery strategy: a Kademlia distributed hash table among the nodes.
 *
 * <p>Only {@link org.gridplatform.plugin.discovery.dht.DhtStrategyFactory} is public. Inside:
 * {@code Key} (256-bit ids, XOR distance), {@code RoutingTable} (k-buckets with least-recently-seen
 * eviction), {@code Lookup} (iterative lookups with alpha requests in flight), {@code ProviderStore}
 * (tag records with expiry), {@code DhtNode} (join, refresh, publish, search over an
 * {@code RpcTransport}), the signed records and their checks ({@code NodeRecord}, {@code ProviderRecord},
 * {@code SignedBytes}, {@code NodeKey}, {@code Signatures}, {@code KeyBindings}), and the JSON side:
 * {@code WireFormat}, {@code JsonRpcTransport}, {@code DhtMessageHandler}. {@code DhtStrategy} adapts the node
 * to the discovery SPI.
 */
package org.gridplatform.plugin.discovery.dht;
