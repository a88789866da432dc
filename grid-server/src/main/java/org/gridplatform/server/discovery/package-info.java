/**
 * The host side of the discovery SPI, shared by the gateway and node WARs: loading the plugins,
 * validating their configuration, and the HTTP, JSON and scheduling services they are given.
 */
package org.gridplatform.server.discovery;
