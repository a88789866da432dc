/**
 * Runs gateways and nodes as Payara Micro processes on 127.0.0.1: what {@code ./grid gateway},
 * {@code ./grid node}, {@code ./grid up} and {@code ./grid demo} do, and what the integration
 * tests and benchmarks use to boot the real WARs. {@link org.gridplatform.client.launch.ServerTls}
 * adds an HTTPS listener with a {@link org.gridplatform.client.launch.ServerKey}, turns plain HTTP off
 * and gives the servers' own calls a trust store.
 */
package org.gridplatform.client.launch;
