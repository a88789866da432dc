package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridplatform.client.GridIT.assertProblem;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing datasets through a node's API: a gateway in index mode (it knows only the tags nodes
 * announce) and one node with an operator token, a small upload limit and a copy of alice's data.
 * The node re-joins only every 10 minutes, so a new tag found through the gateway at once shows that
 * an upload is announced at once. The tests run in order: the last restarts the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetsIT {

    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    /** The owner's token on the node, signed in once it runs. */
    private static String TOKEN;
    private static final int MAX_UPLOAD = 16 * 1024;
    private static final String IRIS_UPLOAD = """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            4.9,3.0,1.4,0.2,setosa
            7.0,3.2,4.7,1.4,versicolor
            6.4,3.2,4.5,1.5,versicolor
            6.3,3.3,6.0,2.5,virginica
            """;
    private static final String META = "{\"name\": \"Iris upload\", \"tags\": [\"#uploaded-iris\", \"#flowers\"], "
            + "\"description\": \"five rows\", \"target\": \"species\", \"public\": true}";

    @TempDir
    static Path tmp;

    private static LocalGrid grid;
    private static LocalGrid.NodeSpec spec;
    private static ServerProcess node;
    private static URI gateway;
    private static URI base;

    @BeforeAll
    static void boot() throws IOException, InterruptedException {
        Path data = tmp.resolve("alice");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("grid.examples", "../examples/nodes"), "alice"))) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve(file.getFileName()));
            }
        }
        Path logDir = Path.of("target", "it-logs", "DatasetsIT").toAbsolutePath();
        grid = new LocalGrid(Distribution.locate(), logDir, ServerProcess.QUICK_START);
        int gatewayPort = ServerProcess.freePort();
        int nodePort = ServerProcess.freePort();
        spec = new LocalGrid.NodeSpec("alice", nodePort, data, Map.of("grid.node.owner-password", PASSWORD,
                "grid.node.max-upload-bytes", Integer.toString(MAX_UPLOAD), "grid.node.rejoin-interval", "10m"));
        grid.start(gatewayPort, Map.of("grid.discovery.central.search-mode", "index"), List.of(spec), Duration.ofMinutes(3));
        node = grid.nodes().getFirst();
        gateway = URI.create("http://127.0.0.1:" + gatewayPort);
        base = URI.create("http://127.0.0.1:" + nodePort);
        TOKEN = NodeClient.signIn(base, "owner", PASSWORD).token();
        await("alice joined").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> Http.okObject(Http.get(gateway, "/nodes")).getJsonArray("nodes").size() == 1);
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @Order(1)
    void anUploadIsListedDescribedWithAggregatesAndFoundThroughTheGatewayAtOnce() {
        assertThat(searchGateway("#uploaded-iris")).as("before the upload").isEmpty();

        HttpResponse<String> created = upload(META, IRIS_UPLOAD, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/datasets/iris-upload"));

        JsonObject one = Http.okObject(Http.get(base, "/datasets/iris-upload"));
        assertThat(Http.json(created.body())).isEqualTo(one);
        assertThat(one.getString("id")).isEqualTo("iris-upload");
        assertThat(one.getString("task")).isEqualTo("classification");
        assertThat(one.getString("format")).isEqualTo("csv");
        assertThat(one.getJsonNumber("rows").longValueExact()).isEqualTo(5);
        assertThat(one.getJsonArray("features").getValuesAs(JsonValue::toString))
                .containsExactly("\"sepal_length\"", "\"sepal_width\"", "\"petal_length\"", "\"petal_width\"");
        assertThat(one.getJsonArray("labels").getValuesAs(JsonValue::toString))
                .containsExactly("\"setosa\"", "\"versicolor\"", "\"virginica\"");
        JsonObject statistics = one.getJsonObject("statistics");
        assertThat(statistics.keySet()).containsExactlyInAnyOrder("rows", "features");
        JsonArray features = statistics.getJsonArray("features");
        assertThat(features).hasSize(4);
        for (JsonValue value : features) {
            // Aggregates, one object per feature: nothing per row.
            assertThat(value.asJsonObject().keySet()).containsExactlyInAnyOrder("name", "count", "min", "max", "mean", "variance");
            assertThat(value.asJsonObject().getJsonNumber("count").longValueExact()).isEqualTo(5);
        }
        JsonObject sepal = features.getJsonObject(0);
        assertThat(sepal.getJsonNumber("min").doubleValue()).isEqualTo(4.9);
        assertThat(sepal.getJsonNumber("max").doubleValue()).isEqualTo(7.0);
        assertThat(sepal.getJsonNumber("mean").doubleValue()).isCloseTo(5.94, org.assertj.core.data.Offset.offset(1e-9));
        // Values that are not a min or max of their column never show: 6.4, 3.3 and 4.5 are inside their ranges.
        for (String inside : List.of("6.4", "3.3", "4.5")) {
            assertThat(java.util.regex.Pattern.compile("(?<![\\w.])" + java.util.regex.Pattern.quote(inside) + "(?![\\w.])")
                    .matcher(one.toString()).find()).as("%s in %s", inside, one).isFalse();
        }

        JsonArray listed = Http.okObject(Http.get(base, "/datasets")).getJsonArray("datasets");
        assertThat(listed.stream().map(d -> d.asJsonObject().getString("id"))).containsExactly("iris", "iris-upload", "wine");
        assertThat(Http.okJson(Http.get(base, "/dataset-tags")).toString()).contains("#uploaded-iris");
        // Announced at once: the node's periodic re-join is 10 minutes away.
        await("found through the gateway").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(searchGateway("#uploaded-iris")).containsExactly("alice"));
        assertThat(Http.okObject(Http.postJson(base, "/search", "{\"query\": [\"#uploaded-iris\"]}")).getBoolean("content")).isTrue();
    }

    @Test
    @Order(2)
    void aMalformedCsvIsA400NamingLineAndColumn() {
        String meta = "{\"name\": \"Broken\", \"tags\": [\"#x\"], \"target\": \"species\"}";
        JsonObject problem = assertProblem(upload(meta, "sepal_length,species\n5.1,setosa\n4.x9,setosa\n", TOKEN), 400, "/datasets");
        assertThat(problem.getString("detail"))
                .isEqualTo("The dataset cannot be read: broken.csv: line 3, column 'sepal_length': \"4.x9\" is not a number");
        assertProblem(Http.get(base, "/datasets/broken"), 404, "/datasets/broken");
    }

    @Test
    @Order(3)
    void aDuplicateNameIsA409() {
        JsonObject problem = assertProblem(upload(META, IRIS_UPLOAD, TOKEN), 409, "/datasets");
        assertThat(problem.getString("detail")).contains("iris-upload");
    }

    @Test
    @Order(4)
    void anUploadOverTheLimitIsA413() {
        String big = IRIS_UPLOAD + "5.1,3.5,1.4,0.2,setosa\n".repeat(MAX_UPLOAD / 20);
        JsonObject problem = assertProblem(upload("{\"name\": \"Big\", \"target\": \"species\"}", big, TOKEN), 413, "/datasets");
        assertThat(problem.getString("detail")).isEqualTo("The request body is larger than " + MAX_UPLOAD
                + " bytes (grid.node.max-upload-bytes); send a smaller body");
        // Other endpoints keep the global 64 KiB limit; the upload's own limit does not leak to them.
        assertProblem(Http.postJson(base, "/search", "{\"query\": [\"" + "x".repeat(70 * 1024) + "\"]}"), 413, "/search");
    }

    @Test
    @Order(5)
    void withoutTheOperatorTokenWritesAre401() {
        HttpResponse<String> none = upload(META.replace("Iris upload", "Other"), IRIS_UPLOAD, null);
        assertProblem(none, 401, "/datasets");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"grid-node\"");
        assertProblem(upload(META.replace("Iris upload", "Other"), IRIS_UPLOAD, "wrong-token-wrong-token"), 401, "/datasets");
        assertProblem(Http.send(HttpRequest.newBuilder(base.resolve("/datasets/iris")).DELETE()), 401, "/datasets/iris");
        assertProblem(Http.get(base, "/datasets/other"), 404, "/datasets/other");
    }

    @Test
    @Order(6)
    void deleteRemovesADatasetAndItsTags() {
        HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(base.resolve("/datasets/wine"))
                .header("Authorization", "Bearer " + TOKEN).DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertProblem(Http.get(base, "/datasets/wine"), 404, "/datasets/wine");
        assertThat(Http.okJson(Http.get(base, "/dataset-tags")).toString()).doesNotContain("#wine");
        await("withdrawn from the gateway").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(searchGateway("#wine")).isEmpty());
        assertProblem(Http.send(HttpRequest.newBuilder(base.resolve("/datasets/wine"))
                .header("Authorization", "Bearer " + TOKEN).DELETE()), 404, "/datasets/wine");
    }

    @Test
    @Order(6)
    void aDatasetNotMarkedPublicIsSeenOnlyByTheNodesUsersAndStillFoundByItsTags() {
        String meta = "{\"name\": \"Private iris\", \"tags\": [\"#private-iris\"], \"target\": \"species\"}";
        assertThat(upload(meta, IRIS_UPLOAD, TOKEN).statusCode()).isEqualTo(201);
        try {
            assertThat(Http.okObject(Http.get(base, "/datasets")).toString()).doesNotContain("private-iris");
            JsonObject hidden = assertProblem(Http.get(base, "/datasets/private-iris"), 404, "/datasets/private-iris");
            assertThat(hidden.getString("detail")).contains("No public dataset has the id private-iris");
            HttpResponse<String> signedIn = Http.send(HttpRequest.newBuilder(base.resolve("/datasets/private-iris"))
                    .header("Authorization", "Bearer " + TOKEN));
            assertThat(Http.okObject(signedIn).getString("name")).isEqualTo("Private iris");
            assertThat(Http.okObject(Http.send(HttpRequest.newBuilder(base.resolve("/datasets")).header("Authorization",
                    "Bearer " + TOKEN))).toString()).contains("private-iris");
            await("tags announced though the metadata is private").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(searchGateway("#private-iris")).isNotEmpty());
        } finally {
            Http.send(HttpRequest.newBuilder(base.resolve("/datasets/private-iris")).header("Authorization", "Bearer " + TOKEN).DELETE());
        }
    }

    @Test
    @Order(7)
    void aRestartedNodeHasTheSameDatasets() throws IOException, InterruptedException {
        String before = Http.okObject(Http.get(base, "/datasets")).toString();
        node.close();
        ServerProcess restarted = grid.startNode(spec);
        restarted.awaitReady(Duration.ofMinutes(2));
        node = restarted;
        assertThat(Http.okObject(Http.get(base, "/datasets")).toString()).isEqualTo(before);
        assertThat(Http.okObject(Http.get(base, "/datasets/iris-upload")).getString("name")).isEqualTo("Iris upload");
        try (Stream<Path> entries = Files.list(spec.dataDir())) {
            // No staging or trash left behind; .node-secret is the node's own key to its id at the gateway, users.json its
            // users' password hashes, .token-key the key it signs tokens with.
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "iris.csv", "iris.meta.json", "iris-upload", ".node-secret", "users.json", ".token-key");
        }
    }

    private static final String STEP = """
            {"dataset": "iris", "backend": "tribuo-logistic", "settings": {"epochs": 3, "seed": 7},
             "schema": {"task": "CLASSIFICATION", "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                        "labels": ["setosa", "versicolor", "virginica"], "target": "species"},
             "scaling": {"sepal_length": {"offset": 5.8, "scale": 0.8}, "sepal_width": {"offset": 3.0, "scale": 0.4},
                         "petal_length": {"offset": 3.8, "scale": 1.8}, "petal_width": {"offset": 1.2, "scale": 0.8}},
             "parameters": [[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]}""";

    private static HttpResponse<String> training(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    @Test
    @Order(8)
    void aTrainingStepReturnsOnlyParametersCountsAndMetricsAndIsDeterministic() {
        JsonObject first = Http.okObject(training("/training/steps", STEP, TOKEN));
        JsonObject second = Http.okObject(training("/training/steps", STEP, TOKEN));
        assertThat(first.keySet()).containsExactlyInAnyOrder("parameters", "examples", "metrics", "duration-ms");
        assertThat(first.getJsonArray("parameters")).hasSize(3);
        assertThat(first.getJsonArray("parameters").getJsonArray(0)).hasSize(5);
        assertThat(first.getJsonArray("parameters")).as("same seed, data and start: same update")
                .isEqualTo(second.getJsonArray("parameters"));
        assertThat(first.getJsonNumber("examples").longValue()).as("the training split of alice's 50 rows").isEqualTo(40);
        assertThat(first.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue()).isGreaterThan(0.5);

        String evaluation = STEP.replace("\"settings\": {\"epochs\": 3, \"seed\": 7},", "")
                .replace("[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]", first.getJsonArray("parameters").toString());
        JsonObject evaluated = Http.okObject(training("/training/evaluations", evaluation, TOKEN));
        assertThat(evaluated.keySet()).containsExactlyInAnyOrder("examples", "metrics", "duration-ms");
        assertThat(evaluated.getJsonNumber("examples").longValue()).as("the fixed held-out split").isEqualTo(10);
    }

    @Test
    @Order(9)
    void trainingNeedsTheTokenAndARequestThatFitsTheData() {
        assertProblem(training("/training/steps", STEP, null), 401, "/training/steps");
        HttpResponse<String> noVersicolor = training("/training/steps",
                STEP.replace("\"setosa\", \"versicolor\", \"virginica\"", "\"setosa\", \"virginica\"")
                        .replace("[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]", "[[0,0,0,0,0],[0,0,0,0,0]]"), TOKEN);
        assertProblem(noVersicolor, 400, "/training/steps");
        assertThat(Http.json(noVersicolor.body()).asJsonObject().getString("detail"))
                .isEqualTo("The dataset 'iris' has the label 'versicolor' that the schema does not list; add it to the schema's labels");
        HttpResponse<String> wrongShape = training("/training/steps", STEP.replace("[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]",
                "[[0,0,0,0],[0,0,0,0],[0,0,0,0]]"), TOKEN);
        assertProblem(wrongShape, 400, "/training/steps");
    }

    /** A tiny IDX pair: {@code count} images of 3x3 pixels, labels cycling over 0..2. */
    private static byte[][] idx(int count, int imageMagic) {
        java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + count * 9);
        images.putInt(imageMagic).putInt(count).putInt(3).putInt(3);
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + count);
        labels.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 9; p++) {
                images.put((byte) ((i * 9 + p) * 7 % 256));
            }
            labels.put((byte) (i % 3));
        }
        return new byte[][] {images.array(), labels.array()};
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static HttpResponse<String> uploadIdx(String metadata, byte[] images, byte[] labels) {
        String boundary = "grid-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "form-data; name=\"metadata\"", "application/json", metadata);
        for (var file : Map.of("images", images, "labels", labels).entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getKey() + ".idx\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(base.resolve("/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    @Order(10)
    void anIdxUploadGzippedOrNotBecomesAClassificationDataset() {
        byte[][] files = idx(12, 0x00000803);
        HttpResponse<String> created = uploadIdx("{\"name\": \"Tiny digits\", \"tags\": [\"#tiny-idx\"], \"format\": \"idx\", "
                + "\"task\": \"classification\", \"label-names\": [\"zero\", \"one\", \"two\"], \"public\": true}", gzip(files[0]), files[1]);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject tiny = Http.okObject(Http.get(base, "/datasets/tiny-digits"));
        assertThat(tiny.getJsonNumber("rows").longValue()).isEqualTo(12);
        assertThat(tiny.getJsonArray("features")).hasSize(9);
        assertThat(tiny.getJsonArray("labels").toString()).isEqualTo("[\"zero\",\"one\",\"two\"]");
        assertThat(Http.okJson(Http.get(base, "/dataset-tags")).toString()).contains("#tiny-idx");

        HttpResponse<String> notImages = uploadIdx("{\"name\": \"Wrong magic\", \"tags\": [\"#x\"], \"format\": \"idx\"}",
                idx(12, 0x00000801)[0], files[1]);
        assertProblem(notImages, 400, "/datasets");
        assertThat(Http.json(notImages.body()).asJsonObject().getString("detail")).contains("magic number 0x00000801");
        assertProblem(Http.get(base, "/datasets/wrong-magic"), 404, "/datasets/wrong-magic");
    }

    private static List<String> searchGateway(String tag) {
        JsonObject answer = Http.okObject(Http.postJson(gateway, "/search", "{\"query\": [\"" + tag + "\"]}"));
        return answer.getJsonArray("node-addresses").stream().map(n -> n.asJsonArray().getString(0)).toList();
    }

    /** POSTs multipart/form-data with a 'metadata' JSON part and a 'file' CSV part, built by hand. */
    private static HttpResponse<String> upload(String metadata, String csv, String token) {
        String boundary = "grid-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "form-data; name=\"metadata\"", "application/json", metadata);
        part(body, boundary, "form-data; name=\"file\"; filename=\"upload.csv\"", "text/csv", csv);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static void part(ByteArrayOutputStream body, String boundary, String disposition, String type, String content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: " + type
                + "\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
