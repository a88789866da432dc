/**
 * The grid gateway: a registry of nodes that answers searches by asking the nodes, in parallel,
 * whether they hold data with the wanted tags. It routes only: it never computes on, holds or
 * sees data or models.
 */
package org.gridplatform.gateway;
