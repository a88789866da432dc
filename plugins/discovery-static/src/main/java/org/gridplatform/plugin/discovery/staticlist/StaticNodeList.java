package org.gridplatform.plugin.discovery.staticlist;

import java.util.List;

/**
 * The file that {@code grid.discovery.static.file} names:
 * <pre>{"nodes": [{"id": "alice", "address": "http://127.0.0.1:8181", "datasets": [["#iris", "#flowers"], ["#wine"]]}]}</pre>
 * Each node lists the tags of each of its datasets.
 *
 * @param nodes the nodes
 */
public record StaticNodeList(List<Node> nodes) {

    /**
     * One node of the file.
     *
     * @param id       the node's id
     * @param address  the node's address
     * @param datasets the tags of each dataset the node holds
     */
    public record Node(String id, String address, List<List<String>> datasets) {
    }
}
