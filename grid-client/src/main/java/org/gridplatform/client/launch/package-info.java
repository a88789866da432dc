/**
 * Runs gateways and nodes as Payara Micro processes on 127.0.0.1: what {@code ./grid gateway},
 * {@code ./grid node}, {@code ./grid up} and {@code ./grid demo} do, and what the integration
 * tests and benchmarks use to boot the real WARs.
 */
package org.gridplatform.client.launch;
