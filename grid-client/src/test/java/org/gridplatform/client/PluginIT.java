package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * A third party's discovery plugin: the example {@code static} plugin's jar is added to a stock,
 * unmodified gateway WAR at deploy time with Payara Micro's {@code --addlibs}, selected by
 * configuration, and answers searches. And a strategy name that no plugin has stops the deployment
 * with a message that says what is available.
 */
class PluginIT {

    private static final Path LOGS = Path.of("target", "it-logs", "PluginIT").toAbsolutePath();

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing")).toAbsolutePath().normalize();
        assertThat(jar).as("system property %s", property).isRegularFile();
        return jar;
    }

    @Test
    void aPluginAddedAtDeployTimeAnswersSearches() throws Exception {
        Files.createDirectories(LOGS);
        Path list = LOGS.resolve("nodes.json");
        Files.writeString(list, """
                {"nodes": [
                  {"id": "alice", "address": "http://127.0.0.1:1/alice", "datasets": [["#iris", "#flowers"], ["#wine"]]},
                  {"id": "bob", "address": "http://127.0.0.1:1/bob", "datasets": [["#iris"], ["#boston-housing"]]}
                ]}""");
        Distribution dist = Distribution.locate();
        String libs = jar("grid.test.api-jar") + ":" + jar("grid.test.plugin-jar");
        try (ServerProcess gateway = ServerProcess.start(dist, dist.gatewayWar(), "gateway", ServerProcess.freePort(),
                Map.of("grid.discovery.strategy", "static", "grid.discovery.static.file", list.toString()),
                LocalGrid.GATEWAY_HEAP, ServerProcess.QUICK_START, List.of("--addlibs", libs), LOGS.resolve("gateway-static.log"))) {
            gateway.awaitReady(Duration.ofMinutes(4));
            URI url = gateway.url();

            JsonObject ready = Http.okObject(Http.get(url, "/health/ready"));
            JsonObject discovery = GridIT.check(ready, "discovery");
            assertThat(discovery.getJsonObject("data").getString("strategy")).isEqualTo("static");

            JsonObject found = Http.okObject(Http.postJson(url, "/search", "{\"query\": [\"#IRIS\"]}"));
            assertThat(found.toString()).isEqualTo("{\"node-addresses\":[[\"alice\",\"http://127.0.0.1:1/alice\"],"
                    + "[\"bob\",\"http://127.0.0.1:1/bob\"]],\"unanswered-nodes\":[]}");
            JsonObject perDataset = Http.okObject(Http.postJson(url, "/search", "{\"query\": [\"#iris\", \"#wine\"]}"));
            assertThat(perDataset.getJsonArray("node-addresses")).isEmpty();
            assertThat(Http.okObject(Http.get(url, "/nodes")).getJsonArray("nodes")).hasSize(2);

            var join = Http.postJson(url, "/join", "{\"node-id\": \"carol\", \"node-address\": \"http://127.0.0.1:2\"}");
            assertThat(join.statusCode()).isEqualTo(409);
            assertThat(Http.json(join.body()).asJsonObject().getString("detail")).isEqualTo(
                    "This grid uses a fixed list of nodes (grid.discovery.strategy=static); ask its operator to add carol to the list");
        }
    }

    @Test
    void anUnknownStrategyStopsTheDeploymentSayingWhatIsAvailable() throws IOException {
        Files.createDirectories(LOGS);
        Distribution dist = Distribution.locate();
        try (ServerProcess gateway = ServerProcess.start(dist, dist.gatewayWar(), "gateway", ServerProcess.freePort(),
                Map.of("grid.discovery.strategy", "statc"), LocalGrid.GATEWAY_HEAP, ServerProcess.QUICK_START,
                LOGS.resolve("gateway-unknown.log"))) {
            assertThatThrownBy(() -> gateway.awaitReady(Duration.ofMinutes(4)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Unrecognized value for grid.discovery.strategy: \"statc\". Available strategies: "
                            + "central, dht. To add one, put its plugin jar on the class path");
        }
    }
}
