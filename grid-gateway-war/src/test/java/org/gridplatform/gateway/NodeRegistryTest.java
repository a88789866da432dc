package org.gridplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import java.time.Instant;
import java.time.ZoneOffset;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.ProblemType;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

    private final MutableClock clock = new MutableClock();
    private final NodeRegistry registry = new NodeRegistry(3, clock);

    @Test
    void joinRegistersTheNormalisedAddress() {
        NodeEntry entry = registry.join(new JoinRequest("Bob", "HTTP://127.0.0.1:8181/"));
        assertThat(entry).isEqualTo(new NodeEntry("Bob", "http://127.0.0.1:8181", clock.now, clock.now));
        assertThat(registry.nodes()).containsExactly(entry);
    }

    @Test
    void rejoiningRefreshesLastSeenAndKeepsJoinedAt() {
        Instant first = clock.now;
        registry.join(new JoinRequest("Bob", "http://127.0.0.1:8181"));
        clock.now = first.plusSeconds(30);
        NodeEntry again = registry.join(new JoinRequest("Bob", "http://127.0.0.1:8181/"));
        assertThat(again.joinedAt()).isEqualTo(first);
        assertThat(again.lastSeen()).isEqualTo(first.plusSeconds(30));
        assertThat(registry.nodes()).hasSize(1);
    }

    @Test
    void theSameIdAtAnotherAddressIsAConflict() {
        registry.join(new JoinRequest("Bob", "http://127.0.0.1:8181"));
        assertThatThrownBy(() -> registry.join(new JoinRequest("Bob", "http://127.0.0.1:9999")))
                .isInstanceOf(GridException.class)
                .hasMessage("The node-id \"Bob\" is already registered at http://127.0.0.1:8181; join with another id, "
                        + "or leave first with DELETE /nodes/Bob")
                .extracting(e -> ((GridException) e).type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(registry.find("Bob")).map(NodeEntry::nodeAddress).contains("http://127.0.0.1:8181");
    }

    @Test
    void nodesAreListedById() {
        registry.join(new JoinRequest("carol", "http://h:3"));
        registry.join(new JoinRequest("Alice", "http://h:1"));
        registry.join(new JoinRequest("bob", "http://h:2"));
        assertThat(registry.nodes()).extracting(NodeEntry::nodeId).containsExactly("Alice", "bob", "carol");
    }

    @Test
    void aFullRegistryRefusesNewNodesButRefreshesKnownOnes() {
        registry.join(new JoinRequest("a", "http://h:1"));
        registry.join(new JoinRequest("b", "http://h:2"));
        registry.join(new JoinRequest("c", "http://h:3"));
        assertThatThrownBy(() -> registry.join(new JoinRequest("d", "http://h:4")))
                .hasMessage("The gateway already holds its maximum of 3 nodes; ask its operator to raise grid.gateway.max-nodes");
        assertThat(registry.join(new JoinRequest("a", "http://h:1")).nodeId()).isEqualTo("a");
    }

    @Test
    void leaveRemovesAndUnknownIdsAreNotFound() {
        registry.join(new JoinRequest("Bob", "http://h:1"));
        registry.leave("Bob");
        assertThat(registry.nodes()).isEmpty();
        assertThatThrownBy(() -> registry.leave("Bob"))
                .hasMessage("No node with id \"Bob\" is registered; GET /nodes lists them");
        assertThatThrownBy(() -> registry.leave("../etc")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void invalidJoinsAreRejectedWithTheRule() {
        assertThatThrownBy(() -> registry.join(null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The request body is required");
        assertThatThrownBy(() -> registry.join(new JoinRequest("Bob", "ftp://h")))
                .hasMessageContaining("is not an http or https URL");
        assertThatThrownBy(() -> registry.join(new JoinRequest(null, "http://h")))
                .hasMessage("The field 'node-id' is required: a node id such as \"Bob\"");
        assertThat(registry.nodes()).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

    }
}
