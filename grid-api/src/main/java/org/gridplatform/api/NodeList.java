package org.gridplatform.api;

import java.util.List;

/**
 * The body of {@code GET /nodes}.
 *
 * @param nodes the registered nodes, ordered by node id
 */
public record NodeList(List<NodeEntry> nodes) {
}
