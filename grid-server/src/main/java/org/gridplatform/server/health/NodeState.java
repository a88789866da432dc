package org.gridplatform.server.health;

/** What the last pings say about a node. */
public enum NodeState {
    /** It answered its last ping (or has just joined). */
    UP,
    /** It missed at least {@code grid.health.suspect-after} pings in a row: still searched. */
    SUSPECT,
    /** It missed at least {@code grid.health.down-after} pings in a row: left out of search answers until it answers or re-joins. */
    DOWN
}
