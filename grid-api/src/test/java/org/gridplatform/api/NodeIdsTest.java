package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bob", "alice-1", "node_2.eu", "x"})
    void acceptsLettersDigitsAndPunctuation(String id) {
        assertThat(NodeIds.validate(id, "node-id")).isEqualTo(id);
    }

    @Test
    void acceptsSixtyFourCharacters() {
        assertThat(NodeIds.validate("a".repeat(64), "node-id")).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/", "ümlaut", "new\nline"})
    void rejectsOtherCharacters(String id) {
        assertThatThrownBy(() -> NodeIds.validate(id, "node-id")).isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("is not valid: use 1 to 64 letters, digits, '-', '_' or '.'");
    }

    @Test
    void rejectsTooLongAndMissingIdsAndEscapesWhatItEchoes() {
        assertThatThrownBy(() -> NodeIds.validate("a".repeat(65), "node-id"))
                .hasMessageStartingWith("The node-id \"aaaa");
        assertThatThrownBy(() -> NodeIds.validate(null, "node-id"))
                .hasMessage("The field 'node-id' is required: a node id such as \"Bob\"");
        assertThatThrownBy(() -> NodeIds.validate("a\r\nX-Evil: 1", "node-id"))
                .hasMessageStartingWith("The node-id \"a\\u000d\\u000aX-Evil: 1\" is not valid");
    }
}
