package org.gridplatform.server.health;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One node as the last sweep saw it. Immutable.
 *
 * @param nodeId              the node's id
 * @param nodeAddress         its address
 * @param state               UP, SUSPECT or DOWN
 * @param missed              pings missed in a row
 * @param joinedAt            when it first joined (as the registry says)
 * @param lastSeen            the last good ping or join, whichever is later
 * @param lastPing            when it was last pinged, or {@code null} if not yet
 * @param roundTripMs         the last good ping's round trip, or {@code null}
 * @param smoothedRoundTripMs the smoothed round trip (TCP's estimator, gain 1/8), or {@code null}
 * @param recentRoundTripMs   the round trips of the last good pings, oldest first (at most {@value HealthSweep#HISTORY})
 * @param reason              why the last ping failed, or {@code null}
 * @param datasets            the metadata of the datasets it shows anonymous callers (its public ones), as last
 *                            read for the dashboard; {@code null} (left out of the JSON) until first read
 */
@JsonbPropertyOrder({"nodeId", "nodeAddress", "state", "missed", "joinedAt", "lastSeen", "lastPing", "roundTripMs",
        "smoothedRoundTripMs", "recentRoundTripMs", "reason", "datasets"})
public record NodeHealth(@JsonbProperty("node-id") String nodeId,
                         @JsonbProperty("node-address") String nodeAddress,
                         NodeState state,
                         int missed,
                         @JsonbProperty("joined-at") Instant joinedAt,
                         @JsonbProperty("last-seen") Instant lastSeen,
                         @JsonbProperty("last-ping") Instant lastPing,
                         @JsonbProperty("round-trip-ms") Long roundTripMs,
                         @JsonbProperty("smoothed-round-trip-ms") Long smoothedRoundTripMs,
                         @JsonbProperty("recent-round-trip-ms") List<Long> recentRoundTripMs,
                         String reason,
                         List<DatasetBrief> datasets) {

    /**
     * A dataset as the dashboard shows it: metadata only.
     *
     * @param id   the dataset's id on its node
     * @param name its name
     * @param tags its tags
     * @param rows its row count
     * @param task classification or regression
     */
    public record DatasetBrief(String id, String name, List<String> tags, long rows, String task) {
    }
}
