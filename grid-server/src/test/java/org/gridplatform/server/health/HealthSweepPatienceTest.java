package org.gridplatform.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.Test;

/**
 * Local health awareness: pings that time out en masse make nodes SUSPECT at most and stretch the
 * next sweep's timeout, while refusals and a few silent nodes count as ever.
 */
class HealthSweepPatienceTest {

    private static final String UP = "{\"status\":\"UP\",\"checks\":[]}";
    private static final Duration TIMEOUT = Duration.ofMillis(20);

    /** How each node (by port) behaves: answers, hangs until the ping's timeout, or refuses at once. */
    private enum Behaviour { ANSWER, HANG, REFUSE }

    private final Map<Integer, Behaviour> behaviour = new ConcurrentHashMap<>();
    /** The timeout of every ping, in order. */
    private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    private final NodeTransport transport = new NodeTransport() {
        @Override
        public CompletableFuture<Reply> post(NodeAddress node, String path, String json, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Reply> get(NodeAddress node, String path, Duration timeout) {
            if (!path.equals("/health/live")) {
                return CompletableFuture.completedFuture(new Reply(404, null, null));
            }
            timeouts.add(timeout);
            return switch (behaviour.get(node.uri().getPort())) {
                case ANSWER -> CompletableFuture.completedFuture(new Reply(200, UP, null));
                case REFUSE -> CompletableFuture.completedFuture(new Reply(0, null, "connection refused"));
                case HANG -> CompletableFuture.supplyAsync(() -> new Reply(0, null, "no answer within " + timeout.toMillis() + " ms"),
                        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
            };
        }
    };
    private final HealthSweep sweep = new HealthSweep(transport, new HealthSettings(Duration.ofSeconds(1), TIMEOUT, 1, 2,
            Duration.ofMinutes(5), Duration.ofMinutes(5)), Clock.systemUTC());

    /** @return ten nodes on ports 1000-1009: the first {@code live} answer, the rest behave as given */
    private List<NodeEntry> nodes(int live, Behaviour rest) {
        List<NodeEntry> nodes = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            behaviour.put(1000 + i, i < live ? Behaviour.ANSWER : rest);
            nodes.add(new NodeEntry("n" + i, "http://127.0.0.1:" + (1000 + i), t, t));
        }
        return nodes;
    }

    private long down() {
        return sweep.count(NodeState.DOWN);
    }

    private Duration lastTimeout() {
        return timeouts.get(timeouts.size() - 1);
    }

    @Test
    void manyPingsTimingOutAtOnceMakeNodesSuspectAtMostUntilThePatienceIsSpent() {
        List<NodeEntry> nodes = nodes(6, Behaviour.HANG);   // 4 of 10 time out: more than a fifth

        HealthSweep.Summary first = sweep.sweep(nodes);
        assertThat(first.overloaded()).isTrue();
        assertThat(first.timeoutMs()).isEqualTo(20);
        assertThat(sweep.count(NodeState.SUSPECT)).isEqualTo(4);

        // Each overloaded sweep doubles the next one's timeout; the nodes stay SUSPECT (and in search answers).
        for (long expected : List.of(40L, 80L)) {
            HealthSweep.Summary next = sweep.sweep(nodes);
            assertThat(next.timeoutMs()).isEqualTo(expected);
            assertThat(lastTimeout()).isEqualTo(Duration.ofMillis(expected));
            assertThat(next.overloaded()).isTrue();
            assertThat(down()).isZero();
        }
        // At 8 times the timeout the misses count again: a real partition still turns DOWN.
        HealthSweep.Summary spent = sweep.sweep(nodes);
        assertThat(spent.timeoutMs()).isEqualTo(160);
        assertThat(spent.overloaded()).isFalse();
        assertThat(down()).isEqualTo(4);
        assertThat(sweep.count(NodeState.UP)).isEqualTo(6);

        // When the pings are answered again, the timeout halves back, sweep by sweep.
        nodes.forEach(n -> behaviour.put(Integer.parseInt(n.nodeAddress().substring(n.nodeAddress().lastIndexOf(':') + 1)),
                Behaviour.ANSWER));
        sweep.sweep(nodes);
        assertThat(sweep.count(NodeState.UP)).isEqualTo(10);
        for (long expected : List.of(80L, 40L, 20L, 20L)) {
            assertThat(sweep.sweep(nodes).timeoutMs()).isEqualTo(expected);
        }
    }

    @Test
    void nodesAlreadyDownThatStaySilentDoNotKeepTheTimeoutStretched() {
        List<NodeEntry> nodes = nodes(6, Behaviour.HANG);
        for (int i = 0; i < 4; i++) {
            sweep.sweep(nodes);
        }
        assertThat(down()).isEqualTo(4);
        // They keep hanging, but they are DOWN: the live six answer, so the timeout comes back to its setting.
        for (long expected : List.of(160L, 80L, 40L, 20L, 20L)) {
            HealthSweep.Summary next = sweep.sweep(nodes);
            assertThat(next.timeoutMs()).isEqualTo(expected);
            assertThat(next.overloaded()).isFalse();
        }
        assertThat(down()).isEqualTo(4);
    }

    @Test
    void refusedConnectionsCountAsEverWhateverTheirNumber() {
        List<NodeEntry> nodes = nodes(6, Behaviour.REFUSE);
        assertThat(sweep.sweep(nodes).overloaded()).isFalse();
        assertThat(sweep.count(NodeState.SUSPECT)).isEqualTo(4);
        sweep.sweep(nodes);
        assertThat(down()).isEqualTo(4);
        assertThat(lastTimeout()).isEqualTo(TIMEOUT);
    }

    @Test
    void aFewSilentNodesTurnDownAfterTwoSweepsWithoutStretchingTheTimeout() {
        List<NodeEntry> nodes = nodes(8, Behaviour.HANG);   // 2 of 10 time out: a fifth, not more
        assertThat(sweep.sweep(nodes).overloaded()).isFalse();
        HealthSweep.Summary second = sweep.sweep(nodes);
        assertThat(down()).isEqualTo(2);
        assertThat(second.timeoutMs()).isEqualTo(20);
    }

    @Test
    void aSmallGridIsNeverJudgedOverloaded() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        behaviour.put(2000, Behaviour.HANG);
        behaviour.put(2001, Behaviour.ANSWER);
        List<NodeEntry> two = List.of(new NodeEntry("a", "http://127.0.0.1:2000", t, t), new NodeEntry("b", "http://127.0.0.1:2001", t, t));
        assertThat(sweep.sweep(two).overloaded()).isFalse();
        sweep.sweep(two);
        assertThat(sweep.isDown("a")).isTrue();
    }
}
