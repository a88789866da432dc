/**
 * The gateway role: {@code POST /join}, {@code POST /search}, {@code GET /nodes},
 * {@code DELETE /nodes/{id}}, {@code GET /health-check}, the run board at {@code /training-runs}
 * and the dashboard at {@code /dashboard}, served by the gateway WAR, and by every
 * node WAR whose discovery strategy makes nodes gateways (such as {@code dht}). Each WAR lists
 * these resources in its {@code Application} when it plays the role.
 */
package org.gridplatform.server.gateway;
