package org.gridplatform.plugin.discovery.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gridplatform.spi.discovery.NodeSigner;
import org.junit.jupiter.api.Test;

class KeyBindingsTest {

    private static final NodeKey ONE = NodeKey.of(NodeSigner.generate().publicKey());
    private static final NodeKey TWO = NodeKey.of(NodeSigner.generate().publicKey());

    @Test
    void anIdIsBoundToTheFirstKeyForAsLongAsItsRecordsLive() {
        KeyBindings bindings = new KeyBindings(Map.of(), 10);

        assertThat(bindings.bind("bob", ONE, 5_000, 0)).isEqualTo(KeyBindings.Outcome.BOUND);
        assertThat(bindings.bind("bob", TWO, 9_000, 1_000)).isEqualTo(KeyBindings.Outcome.CONFLICT);
        assertThat(bindings.bind("bob", ONE, 8_000, 2_000)).as("a later record extends it").isEqualTo(KeyBindings.Outcome.BOUND);
        assertThat(bindings.keyOf("bob", 7_999)).contains(ONE);
        assertThat(bindings.bind("bob", TWO, 9_000, 7_999)).isEqualTo(KeyBindings.Outcome.CONFLICT);

        assertThat(bindings.keyOf("bob", 8_000)).as("its records expired").isEmpty();
        assertThat(bindings.bind("bob", TWO, 20_000, 8_000)).isEqualTo(KeyBindings.Outcome.BOUND);
        assertThat(bindings.keyOf("bob", 8_000)).contains(TWO);
    }

    @Test
    void aPinnedIdIsBoundForGood() {
        KeyBindings bindings = new KeyBindings(Map.of("bob", ONE), 10);

        assertThat(bindings.bind("bob", TWO, 5_000, 0)).isEqualTo(KeyBindings.Outcome.CONFLICT);
        assertThat(bindings.bind("bob", ONE, 5_000, 0)).isEqualTo(KeyBindings.Outcome.BOUND);
        bindings.removeExpired(Long.MAX_VALUE - 1);
        assertThat(bindings.keyOf("bob", Long.MAX_VALUE - 1)).contains(ONE);
    }

    @Test
    void aFullTableBindsNoNewIdUntilSomeBindingsEnd() {
        KeyBindings bindings = new KeyBindings(Map.of(), 2);
        bindings.bind("a", ONE, 1_000, 0);
        bindings.bind("b", ONE, 5_000, 0);

        assertThat(bindings.bind("c", TWO, 5_000, 500)).isEqualTo(KeyBindings.Outcome.FULL);
        assertThat(bindings.bind("b", ONE, 6_000, 500)).isEqualTo(KeyBindings.Outcome.BOUND);
        assertThat(bindings.bind("c", TWO, 5_000, 1_000)).as("a's binding ended").isEqualTo(KeyBindings.Outcome.BOUND);
        assertThat(bindings.size()).isEqualTo(2);
    }
}
