/**
 * MicroProfile Metrics of the gateway role (a gateway, or a node that is a gateway itself): nodes by
 * health state, sweep and search durations, search fan-out and joins, in the application registry,
 * which Payara serves in Prometheus format at {@code GET /metrics} (see docs/metrics.md).
 */
package org.gridplatform.server.metrics;
