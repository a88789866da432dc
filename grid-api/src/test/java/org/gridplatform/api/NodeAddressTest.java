package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8181, http://127.0.0.1:8181",
        "http://127.0.0.1:8181/, http://127.0.0.1:8181",
        "HTTPS://BobNode.Example.org, https://bobnode.example.org",
        "http://proxy:80/grid/bob/, http://proxy:80/grid/bob",
        "http://[::1]:9000, http://[::1]:9000"
    })
    void normalisesValidAddresses(String sent, String normal) {
        assertThat(NodeAddress.parse(sent, "node-address").toString()).isEqualTo(normal);
    }

    @Test
    void resolvesEndpointPaths() {
        assertThat(NodeAddress.parse("http://h:1/p/", "a").resolve("/search")).hasToString("http://h:1/p/search");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h/", "file:///etc/passwd", "127.0.0.1:8181", "/relative", "http://", "javascript:alert(1)"})
    void rejectsNonHttpUrls(String sent) {
        assertThatThrownBy(() -> NodeAddress.parse(sent, "node-address")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("use an absolute http or https URL without user info, query or fragment");
    }

    @Test
    void rejectsUserInfoQueryAndFragment() {
        assertThatThrownBy(() -> NodeAddress.parse("http://u:p@h:1", "node-address"))
                .hasMessageStartingWith("The node-address must not contain user info (user:password@)");
        assertThatThrownBy(() -> NodeAddress.parse("http://h:1/?a=b", "node-address"))
                .hasMessageStartingWith("The node-address \"http://h:1/?a=b\" has a query or fragment");
        assertThatThrownBy(() -> NodeAddress.parse("http://h:1/#f", "node-address"))
                .hasMessageStartingWith("The node-address \"http://h:1/#f\" has a query or fragment");
        assertThatThrownBy(() -> NodeAddress.parse("http://h:1/ x", "node-address"))
                .hasMessageStartingWith("The node-address \"http://h:1/ x\" is not a URL");
        assertThatThrownBy(() -> NodeAddress.parse(null, "node-address"))
                .hasMessageStartingWith("The field 'node-address' is required");
        assertThatThrownBy(() -> NodeAddress.parse("http://h/" + "a".repeat(2100), "node-address"))
                .hasMessage("The node-address is 2109 characters long; at most 2048 are allowed");
    }
}
