package org.gridplatform.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.Test;

class HealthSweepTest {

    private static final String UP = "{\"status\":\"UP\",\"checks\":[]}";

    /** Answers by node address: a body with status 200, or no answer. */
    private final Map<String, NodeTransport.Reply> answers = new ConcurrentHashMap<>();
    /** GET /datasets answers by node address; the others hold one public iris dataset. */
    private final Map<String, NodeTransport.Reply> catalogs = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock();
    private final NodeTransport transport = new NodeTransport() {
        @Override
        public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
            if (path.equals("/datasets")) {
                return CompletableFuture.completedFuture(catalogs.getOrDefault(node.toString(), new Reply(200,
                        "{\"datasets\":[{\"id\":\"iris\",\"name\":\"Iris\",\"tags\":[\"#iris\"],\"rows\":50,\"task\":\"classification\"}]}",
                        null)));
            }
            return CompletableFuture.completedFuture(answers.getOrDefault(node.toString(), new Reply(0, null, "Connection refused")));
        }
    };
    private final HealthSettings settings = new HealthSettings(Duration.ofSeconds(1), Duration.ofMillis(100), 1, 2,
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    private final HealthSweep sweep = new HealthSweep(transport, settings, clock);

    @Test
    void theDashboardTellsANodeWithoutPublicDatasetsFromOneWhoseDatasetsAreNotKnown() {
        List<NodeEntry> nodes = List.of(entry("a"), entry("b"), entry("c"), entry("d"));
        for (int port = 1001; port <= 1004; port++) {
            answers.put("http://127.0.0.1:" + port, new NodeTransport.Reply(200, UP, null));
        }
        catalogs.put("http://127.0.0.1:1002", new NodeTransport.Reply(200, "{\"datasets\":[]}", null));
        catalogs.put("http://127.0.0.1:1003", new NodeTransport.Reply(200, "<html>a node of another kind</html>", null));
        answers.remove("http://127.0.0.1:1004");

        sweep.sweep(nodes);
        List<NodeHealth> seen = sweep.snapshot();
        assertThat(seen.get(0).datasets()).extracting(NodeHealth.DatasetBrief::id).containsExactly("iris");
        assertThat(seen.get(1).datasets()).as("read: no public dataset").isEmpty();
        assertThat(seen.get(2).datasets()).as("not a dataset list").isNull();
        assertThat(seen.get(3).datasets()).as("never answered").isNull();
    }

    @Test
    void aNodeThatStopsAnsweringTurnsSuspectThenDownAndComesBackUpWhenItAnswers() {
        List<NodeEntry> nodes = List.of(entry("a"), entry("b"));
        answers.put("http://127.0.0.1:1001", new NodeTransport.Reply(200, UP, null));
        answers.put("http://127.0.0.1:1002", new NodeTransport.Reply(200, UP, null));

        HealthSweep.Summary first = sweep.sweep(nodes);
        assertThat(first.pinged()).isEqualTo(2);
        assertThat(first.up()).isEqualTo(2);
        NodeHealth a = sweep.snapshot().get(0);
        assertThat(a.state()).isEqualTo(NodeState.UP);
        assertThat(a.roundTripMs()).isNotNull();
        assertThat(a.recentRoundTripMs()).hasSize(1);
        assertThat(a.datasets()).extracting(NodeHealth.DatasetBrief::id).containsExactly("iris");

        answers.remove("http://127.0.0.1:1002");
        sweep.sweep(nodes);
        assertThat(state("b")).isEqualTo(NodeState.SUSPECT);
        assertThat(sweep.isDown("b")).isFalse();
        assertThat(sweep.count(NodeState.UP)).as("the gauge grid_nodes{state=up}").isEqualTo(1);
        assertThat(sweep.count(NodeState.SUSPECT)).isEqualTo(1);
        assertThat(sweep.count(NodeState.DOWN)).isZero();
        sweep.sweep(nodes);
        assertThat(state("b")).isEqualTo(NodeState.DOWN);
        assertThat(sweep.count(NodeState.DOWN)).isEqualTo(1);
        assertThat(sweep.count(NodeState.SUSPECT)).isZero();
        assertThat(sweep.isDown("b")).isTrue();
        assertThat(sweep.snapshot().get(1).reason()).isEqualTo("Connection refused");
        assertThat(sweep.snapshot().get(1).missed()).isEqualTo(2);
        assertThat(sweep.last().down()).isEqualTo(1);

        answers.put("http://127.0.0.1:1002", new NodeTransport.Reply(200, UP, null));
        sweep.sweep(nodes);
        assertThat(state("b")).isEqualTo(NodeState.UP);
        assertThat(sweep.snapshot().get(1).reason()).isNull();
    }

    @Test
    void aLivenessCheckThatSaysDownOrAnErrorStatusCountsAsAMissedPing() {
        answers.put("http://127.0.0.1:1001", new NodeTransport.Reply(200, "{\"status\":\"DOWN\"}", null));
        answers.put("http://127.0.0.1:1002", new NodeTransport.Reply(503, "oops", null));
        sweep.sweep(List.of(entry("a"), entry("b")));
        assertThat(sweep.snapshot()).extracting(NodeHealth::state).containsExactly(NodeState.SUSPECT, NodeState.SUSPECT);
        assertThat(sweep.snapshot()).extracting(NodeHealth::reason)
                .containsExactly("its liveness check reports DOWN", "answered HTTP 503");
    }

    @Test
    void aDownNodeIsEvictableAfterTheGraceUnlessItRejoins() {
        List<NodeEntry> nodes = List.of(entry("a"), entry("b"));
        sweep.sweep(nodes);
        sweep.sweep(nodes);
        assertThat(sweep.snapshot()).extracting(NodeHealth::state).containsOnly(NodeState.DOWN);
        clock.advance(Duration.ofSeconds(29));
        assertThat(sweep.evictable()).isEmpty();

        sweep.joined(entry("a"));
        assertThat(state("a")).as("a node that re-joins is UP").isEqualTo(NodeState.UP);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sweep.evictable()).containsExactly("b");
    }

    @Test
    void keepsTheLastRoundTripsSmoothedAndBounded() {
        answers.put("http://127.0.0.1:1001", new NodeTransport.Reply(200, UP, null));
        for (int i = 0; i < HealthSweep.HISTORY + 5; i++) {
            sweep.sweep(List.of(entry("a")));
        }
        NodeHealth a = sweep.snapshot().get(0);
        assertThat(a.recentRoundTripMs()).hasSize(HealthSweep.HISTORY);
        assertThat(a.smoothedRoundTripMs()).isNotNull().isGreaterThanOrEqualTo(0L);
    }

    @Test
    void forgetsNodesNoLongerRegistered() {
        sweep.sweep(List.of(entry("a"), entry("b")));
        sweep.sweep(List.of(entry("b")));
        assertThat(sweep.snapshot()).extracting(NodeHealth::nodeId).containsExactly("b");
    }

    @Test
    void settingsRefuseValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> HealthSettings.read(Map.of("down-after", "0")::get))
                .hasMessageStartingWith("grid.health.down-after is 0: use 1 (suspect-after) to 100");
        assertThatThrownBy(() -> HealthSettings.read(Map.of("interval", "5ms")::get))
                .hasMessageStartingWith("grid.health.interval is 5ms");
        assertThatThrownBy(() -> HealthSettings.read(Map.of("suspect-after", "many")::get))
                .hasMessageStartingWith("grid.health.suspect-after is \"many\"");
        assertThat(HealthSettings.read(key -> null)).isEqualTo(HealthSettings.DEFAULTS);
    }

    private NodeState state(String id) {
        return sweep.snapshot().stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow().state();
    }

    private static NodeEntry entry(String id) {
        int port = 1000 + (id.charAt(0) - 'a' + 1);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new NodeEntry(id, "http://127.0.0.1:" + port, t, t);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
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
