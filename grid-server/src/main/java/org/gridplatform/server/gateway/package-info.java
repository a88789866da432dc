/**
 * The gateway role: {@code POST /join}, {@code POST /search}, {@code GET /nodes},
 * {@code DELETE /nodes/{id}} and {@code GET /health-check}, served by the gateway WAR, and by every
 * node WAR whose discovery strategy makes nodes gateways (such as {@code dht}). Each WAR lists
 * these resources in its {@code Application} when it plays the role.
 */
package org.gridplatform.server.gateway;
