/**
 * The public contract of Grid: the JSON records that travel between clients, gateways and nodes,
 * the rules for node ids, node addresses and dataset tags, and the problem details that every
 * error response carries.
 *
 * <p>The records use the hyphenated JSON names of the original design ({@code node-id},
 * {@code node-address}, {@code node-addresses}); they are bound with JSON-B annotations so that
 * any JSON-B implementation reads and writes them. Nothing in this package depends on a server.
 */
package org.gridplatform.api;
