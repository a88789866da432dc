package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of malformed and hostile requests against every endpoint of a real gateway and real nodes:
 * broken and deeply nested JSON, huge bodies, wrong types, unicode tricks, path traversal in ids,
 * header tricks, wrong tokens, oversized tag lists, addresses aimed at internal ranges, wrong methods,
 * and requests broken at the HTTP level. Zero 5xx, zero hangs, every refusal of ours a 4xx
 * {@code application/problem+json} without stack traces or class names, and afterwards the grid
 * answers as before with every dataset still there. The counts go to {@code target/hostile-report.md}
 * (and docs/security.md).
 */
class HostileInputIT {

    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    /** The owner's token on the node, signed in once it runs. */
    private static String TOKEN;
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static ExampleGrid grid;
    private static URI gateway;
    private static URI alice;

    @BeforeAll
    static void boot() throws Exception {
        Path data = Path.of("target", "it-data", "hostile").toAbsolutePath();
        copyExamples(data);
        // The rate limits are off here: this suite is one client on purpose, and is about what gets past them.
        grid = ExampleGrid.boot("HostileInputIT", Map.of("grid.rate-limit.join", "0", "grid.rate-limit.search", "0"),
                Map.of("grid.node.owner-password", PASSWORD), data::resolve);
        gateway = grid.gateway;
        alice = grid.nodes.get("alice");
        TOKEN = NodeClient.signIn(alice, "owner", PASSWORD).token();
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    /** One hostile request. */
    private record Attack(String family, String endpoint, HttpRequest request, byte[] raw, URI rawTarget) {
    }

    /** What came back. */
    private record Outcome(Attack attack, int status, String contentType, String body, String failure) {
    }

    @Test
    void hundredsOfHostileRequestsGetNo5xxNoHangAndProblemDetailsAndTheGridStillWorks() throws Exception {
        List<String> datasetsBefore = datasetIds(alice);
        JsonObject searchBefore = Http.okObject(Http.postJson(gateway, "/search", "{\"query\": [\"#iris\"]}"));

        List<Attack> attacks = new ArrayList<>();
        brokenJson(attacks);
        wrongTypes(attacks);
        unicodeTricks(attacks);
        pathTraversal(attacks);
        hugeBodies(attacks);
        tokens(attacks);
        contentTypes(attacks);
        oversizedTags(attacks);
        internalAddresses(attacks);
        methodsAndQueries(attacks);
        rawHttp(attacks);

        List<Outcome> outcomes = new ArrayList<>();
        for (Attack attack : attacks) {
            outcomes.add(attack.raw() != null ? sendRaw(attack) : send(attack));
        }

        report(outcomes);
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            String what = o.attack().family() + " " + o.attack().endpoint()
                    + (o.attack().request() == null ? "" : " (" + abbreviate(o.attack().request().uri().getRawPath()) + ")");
            if (o.failure() != null) {
                failures.add(what + ": " + o.failure());
            } else if (o.status() >= 500 && !(o.status() == 505 && o.attack().raw() != null)) {
                // The one 5xx allowed: Payara's HTTP layer answers a request line with an unknown HTTP version 505.
                failures.add(what + ": HTTP " + o.status() + " " + abbreviate(o.body()));
            } else if (o.status() >= 400 && o.attack().raw() == null && !refusedByTheContainer(o)) {
                if (!o.contentType().startsWith("application/problem+json")) {
                    failures.add(what + ": HTTP " + o.status() + " as " + o.contentType() + ": " + abbreviate(o.body()));
                }
                if (o.body().contains("Exception") || o.body().contains("\tat ") || o.body().matches("(?s).*\\b(java|org\\.gridplatform|jakarta)\\.[a-z]+\\..*")) {
                    failures.add(what + ": a class name or stack trace in " + abbreviate(o.body()));
                }
            }
        }
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(500);
        assertThat(failures).as("requests that got a 5xx, hung, or were refused without clean problem details").isEmpty();

        // The grid still works, and nothing was lost.
        for (Outcome o : outcomes) {
            // Joins that a hostile request got accepted (odd but valid ids at loopback addresses) leave again.
            if (o.attack().endpoint().equals("POST /join") && o.status() == 200) {
                String id = Http.json(o.body()).asJsonObject().getString("node-id");
                Http.send(HttpRequest.newBuilder(gateway.resolve("/nodes/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        .replace("+", "%20"))).DELETE());
            }
        }
        assertThat(datasetIds(alice)).as("alice's datasets").isEqualTo(datasetsBefore);
        assertThat(Http.okObject(Http.postJson(gateway, "/search", "{\"query\": [\"#iris\"]}")).getJsonArray("node-addresses"))
                .isEqualTo(searchBefore.getJsonArray("node-addresses"));
        assertThat(grid.registered()).containsKeys("alice", "bob", "carol");
        assertThat(Http.okObject(Http.get(gateway, "/health-check")).getString("status")).isEqualTo("UP");
        assertThat(Http.okObject(Http.get(alice, "/health/ready")).getString("status")).isEqualTo("UP");
    }

    /**
     * A request that Payara's HTTP layer (Grizzly) refuses while parsing it, before any servlet or Grid code runs: an
     * encoded '/', '\\' or NUL in the path, a path that climbs above the root, or a header over its size limit. It answers 400 with no body and no
     * Content-Type; such requests never reach the application, so they cannot be answered with problem details.
     */
    private static boolean refusedByTheContainer(Outcome o) {
        String path = o.attack().request().uri().getRawPath();
        boolean unparsable = path.contains("%2F") || path.contains("%2f") || path.contains("%5c") || path.contains("%5C")
                || path.contains("%00") || path.contains("%2e%2e") || path.matches(".*/\\.\\.(/.*)?") || o.attack().request().headers().map().values().stream()
                .flatMap(List::stream).anyMatch(v -> v.length() > 8000);
        return unparsable && o.status() == 400 && o.contentType().isEmpty() && o.body().isEmpty();
    }

    // ------------------------------------------------------------------ families

    private static final List<String> JSON_ENDPOINTS_GATEWAY = List.of("/join", "/search", "/training-runs");
    private static final List<String> JSON_ENDPOINTS_NODE = List.of("/search", "/training/steps", "/training/evaluations");

    private static void brokenJson(List<Attack> attacks) {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", "{", "}", "[", "]", "null", "true", "1", "\"text\"", "{\"a\":", "{'query': ['#iris']}",
                "{\"query\": [\"#iris\"]} trailing", "{,}", "{\"query\": [\"#iris\",]}", "{\"query\": NaN}", "{\"query\": [\"#iris\"]",
                "{\"query\": [\"\\ud800\"]}", "{\"query\": [\"\\u0000\"]}", "{\"node-id\": \"a\", \"node-id\": \"b\"}",
                "{\"query\": 1e999999}", "{\"query\": -0}", "\u0000\u0000\u0000", "{\"query\": [\"#iris\"]}\u0000",
                "<?xml version=\"1.0\"?><query>#iris</query>", "{\"query\": [\"" + "x".repeat(60_000) + "\"]}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'q', '"', ':', (byte) 0xC0, (byte) 0xAF, '}'});        // overlong UTF-8
        bodies.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});                         // UTF-16 BOM
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});                              // not UTF-8
        bodies.add(("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));      // deep arrays
        bodies.add(("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8)); // deep objects
        bodies.add(("{\"query\": [" + "\"#t\",".repeat(9_000) + "\"#t\"]}").getBytes(StandardCharsets.UTF_8)); // long array
        for (byte[] body : bodies) {
            for (String path : JSON_ENDPOINTS_GATEWAY) {
                attacks.add(postBytes("broken JSON", gateway, path, body, "application/json", Map.of()));
            }
            for (String path : JSON_ENDPOINTS_NODE) {
                attacks.add(postBytes("broken JSON", alice, path, body, "application/json", auth()));
            }
        }
    }

    private static void wrongTypes(List<Attack> attacks) {
        for (String join : List.of("{\"node-id\": 1, \"node-address\": \"http://127.0.0.1:1\"}",
                "{\"node-id\": [\"a\"], \"node-address\": \"http://127.0.0.1:1\"}", "{\"node-id\": {}, \"node-address\": \"x\"}",
                "{\"node-id\": \"ok\", \"node-address\": 5}", "{\"node-id\": \"ok\", \"node-address\": [\"http://127.0.0.1:1\"]}",
                "{\"node-id\": \"ok\", \"node-address\": \"http://127.0.0.1:1\", \"tag-sets\": \"#a\"}",
                "{\"node-id\": \"ok\", \"node-address\": \"http://127.0.0.1:1\", \"tag-sets\": [[1]]}",
                "{\"node-id\": \"ok\", \"node-address\": \"http://127.0.0.1:1\", \"tag-sets\": [null]}",
                "{\"node-id\": null, \"node-address\": null}", "{\"node-id\": true, \"node-address\": false}",
                "{\"node-id\": \"ok\", \"node-address\": \"http://127.0.0.1:1\", \"admin\": true}", "[]", "{}")) {
            attacks.add(postJson("wrong types", gateway, "/join", join, Map.of()));
        }
        for (String search : List.of("{\"query\": \"#iris\"}", "{\"query\": [1]}", "{\"query\": [[]]}", "{\"query\": null}",
                "{\"query\": [null]}", "{\"query\": [true]}", "{\"query\": {}}", "{\"query\": []}", "{\"q\": [\"#iris\"]}",
                "{\"query\": [\"#iris\"], \"extra\": 1}")) {
            attacks.add(postJson("wrong types", gateway, "/search", search, Map.of()));
            attacks.add(postJson("wrong types", alice, "/search", search, Map.of()));
        }
        String schema = "{\"task\": \"classification\", \"features\": [\"sepal_length\"], \"labels\": [\"setosa\", \"versicolor\","
                + " \"virginica\"], \"target\": \"species\"}";
        for (String step : List.of("{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": \"x\"}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema + ", \"parameters\": [[\"a\", 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema + ", \"parameters\": [[0, 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[0, 0], [0, 0], [0, 0]], \"settings\": {\"epochs\": []}}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[0, 0], [0, 0], [0, 0]], \"settings\": {\"epochs\": 1e9}}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[0, 0], [0, 0], [0, 0]], \"settings\": {\"learning-rate\": \"-1\"}}",
                "{\"dataset\": \"iris\", \"backend\": \"no-such-backend\", \"schema\": " + schema + ", \"parameters\": [[0, 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": 5, \"parameters\": [[0, 0]]}",
                "{\"dataset\": \"iris\", \"tags\": [\"#iris\"], \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[0, 0], [0, 0], [0, 0]]}",
                "{\"dataset\": \"no-such\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[0, 0], [0, 0], [0, 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": {\"task\": \"regression\", \"features\":"
                        + " [\"a\"], \"target\": \"species\"}, \"parameters\": [[0, 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema
                        + ", \"parameters\": [[1e308, 1e308], [0, 0], [0, 0]]}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + schema.replace("[\"sepal_length\"]",
                        "[\"a\", \"a\"]") + ", \"parameters\": [[0, 0, 0], [0, 0, 0], [0, 0, 0]]}")) {
            attacks.add(postJson("wrong types", alice, "/training/steps", step, auth()));
            attacks.add(postJson("wrong types", alice, "/training/evaluations", step.replaceAll(", \"settings\": \\{[^}]*}", ""), auth()));
        }
    }

    private static void unicodeTricks(List<Attack> attacks) {
        for (String text : List.of("ali\u202ece", "al\u200bice", "a\u0000b", "\uD83D\uDE00", "e\u0301", "\u0430lice", "\uFF41lice",
                "x".repeat(1000), "\u0000", " alice ", "alice\n", "alice\r\nX-Injected: 1", "\u2028", "%61lice", "\\u0061lice")) {
            String json = jsonString(text);
            attacks.add(postJson("unicode", gateway, "/join", "{\"node-id\": " + json + ", \"node-address\": \"http://127.0.0.1:9\"}",
                    Map.of()));
            attacks.add(postJson("unicode", gateway, "/search", "{\"query\": [" + json + "]}", Map.of()));
            attacks.add(postJson("unicode", alice, "/search", "{\"query\": [" + json + "]}", Map.of()));
        }
    }

    private static void pathTraversal(List<Attack> attacks) {
        for (String id : List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e", "..%5c..%5c", "%00", "a%00b",
                "iris%2F..%2F..%2Fwine", "....%2F%2F", "%252e%252e%252f", "%2Fetc%2Fpasswd", "con", "a".repeat(300),
                "%c0%ae%c0%ae%2f", "~root", "%24(id)", "%60id%60", "%3Bls", "%3Cscript%3E", "iris.csv", ".node-secret",
                ".staging-x", "iris.meta.json", "%20", "%E2%80%AE")) {
            attacks.add(request("path traversal", alice, "GET /datasets/{id}", HttpRequest.newBuilder(at(alice, "/datasets/" + id)).GET()));
            attacks.add(request("path traversal", alice, "DELETE /datasets/{id}",
                    withAuth(HttpRequest.newBuilder(at(alice, "/datasets/" + id)).DELETE())));
            attacks.add(request("path traversal", gateway, "DELETE /nodes/{id}", HttpRequest.newBuilder(at(gateway, "/nodes/" + id)).DELETE()));
            attacks.add(request("path traversal", alice, "DELETE /training/steps/{id}",
                    withAuth(HttpRequest.newBuilder(at(alice, "/training/steps/" + id)).DELETE())));
        }
    }

    private static void hugeBodies(List<Attack> attacks) {
        byte[] big = ("{\"query\": [\"" + "a".repeat(200_000) + "\"]}").getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        for (String path : JSON_ENDPOINTS_GATEWAY) {
            attacks.add(postBytes("huge body", gateway, path, big, "application/json", Map.of()));
            attacks.add(postBytes("huge body", gateway, path, huge, "application/json", Map.of()));
            attacks.add(request("huge body (chunked)", gateway, "POST " + path, HttpRequest.newBuilder(at(gateway, path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))));
        }
        attacks.add(postBytes("huge body", alice, "/search", huge, "application/json", Map.of()));
        attacks.add(postBytes("huge body", alice, "/datasets", huge, "multipart/form-data; boundary=x", auth()));
    }

    private static void tokens(List<Attack> attacks) {
        List<String> wrong = List.of("Bearer wrong", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + TOKEN.toUpperCase(),
                "Bearer " + TOKEN + "x", "Bearer " + "a".repeat(10_000), "Token " + TOKEN, "Bearer null",
                "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjF9.", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1), "Digest x", "bearer");
        for (String authorization : wrong) {
            Map<String, String> header = Map.of("Authorization", authorization);
            attacks.add(postJson("wrong token", alice, "/training/steps", "{}", header));
            attacks.add(postJson("wrong token", alice, "/training/evaluations", "{}", header));
            attacks.add(postBytes("wrong token", alice, "/datasets", "--x--".getBytes(StandardCharsets.UTF_8),
                    "multipart/form-data; boundary=x", header));
            attacks.add(request("wrong token", alice, "DELETE /datasets/{id}", HttpRequest.newBuilder(at(alice, "/datasets/iris"))
                    .header("Authorization", authorization).DELETE()));
            attacks.add(request("wrong token", alice, "DELETE /training/steps/{id}", HttpRequest.newBuilder(
                    at(alice, "/training/steps/abc")).header("Authorization", authorization).DELETE()));
        }
        attacks.add(request("no token", alice, "DELETE /datasets/{id}", HttpRequest.newBuilder(at(alice, "/datasets/iris")).DELETE()));
        attacks.add(postJson("no token", alice, "/training/steps", "{}", Map.of()));
    }

    private static void contentTypes(List<Attack> attacks) {
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/x-www-form-urlencoded", "application/json; charset=nope", "*/*", "application/problem+json")) {
            for (String path : List.of("/join", "/search")) {
                attacks.add(postBytes("content type", gateway, path, "{\"query\": [\"#iris\"]}".getBytes(StandardCharsets.UTF_8), type,
                        Map.of()));
            }
            attacks.add(postBytes("content type", alice, "/training/steps", "{}".getBytes(StandardCharsets.UTF_8), type, auth()));
            attacks.add(postBytes("content type", alice, "/datasets", "{}".getBytes(StandardCharsets.UTF_8), type, auth()));
        }
        for (String accept : List.of("application/xml", "text/html", "image/png")) {
            attacks.add(request("accept", gateway, "GET /nodes", HttpRequest.newBuilder(at(gateway, "/nodes")).header("Accept", accept).GET()));
            attacks.add(request("accept", alice, "GET /datasets", HttpRequest.newBuilder(at(alice, "/datasets")).header("Accept", accept).GET()));
        }
    }

    private static void oversizedTags(List<Attack> attacks) {
        for (int count : List.of(33, 100, 1000, 5000)) {
            String tags = String.join(",", java.util.Collections.nCopies(count, "\"#t\""));
            attacks.add(postJson("oversized tags", gateway, "/search", "{\"query\": [" + tags + "]}", Map.of()));
            attacks.add(postJson("oversized tags", alice, "/search", "{\"query\": [" + tags + "]}", Map.of()));
            attacks.add(postJson("oversized tags", gateway, "/join", "{\"node-id\": \"tags-" + count
                    + "\", \"node-address\": \"http://127.0.0.1:9\", \"tag-sets\": [[" + tags.replace("#t", "#u") + "]]}", Map.of()));
        }
        for (int length : List.of(129, 1000, 30_000)) {
            String tag = jsonString("#" + "t".repeat(length));
            attacks.add(postJson("oversized tags", gateway, "/search", "{\"query\": [" + tag + "]}", Map.of()));
            attacks.add(postJson("oversized tags", alice, "/search", "{\"query\": [" + tag + "]}", Map.of()));
        }
        String manySets = "[" + String.join(",", java.util.Collections.nCopies(2000, "[\"#a\"]")) + "]";
        attacks.add(postJson("oversized tags", gateway, "/join", "{\"node-id\": \"sets\", \"node-address\": \"http://127.0.0.1:9\","
                + " \"tag-sets\": " + manySets + "}", Map.of()));
    }

    private static void internalAddresses(List<Attack> attacks) {
        int i = 0;
        for (String address : List.of("http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]", "http://[::ffff:169.254.169.254]",
                "http://0.0.0.0:80", "http://224.0.0.1", "http://255.255.255.255", "http://[fe80::1]", "http://[::]:80",
                "http://100.100.100.200", "file:///etc/passwd", "gopher://127.0.0.1:25/", "http://user:pass@127.0.0.1:1",
                "http://127.0.0.1:1/?q=1", "http://127.0.0.1:1/#f", "http://no-such-host.invalid", "http://169.254.169.254.nip.io",
                "//127.0.0.1", "http://", "http://[::1", "http://127.0.0.1:99999", "javascript:alert(1)", "http://%31%32%37.0.0.1")) {
            attacks.add(postJson("internal address", gateway, "/join", "{\"node-id\": \"ssrf-" + (i++) + "\", \"node-address\": "
                    + jsonString(address) + "}", Map.of()));
        }
    }

    private static void methodsAndQueries(List<Attack> attacks) {
        for (String method : List.of("PUT", "PATCH", "OPTIONS")) {
            for (String path : List.of("/join", "/search", "/nodes", "/health-check")) {
                attacks.add(request("method", gateway, method + " " + path, HttpRequest.newBuilder(at(gateway, path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")));
            }
            for (String path : List.of("/datasets", "/training/steps", "/identity")) {
                attacks.add(request("method", alice, method + " " + path, withAuth(HttpRequest.newBuilder(at(alice, path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"))));
            }
        }
        for (String query : List.of("fresh=maybe", "fresh=" + "x".repeat(5000), "fresh=%00", "fresh=true&fresh=false", "fresh=TRUE")) {
            attacks.add(request("query", gateway, "GET /health-check", HttpRequest.newBuilder(at(gateway, "/health-check?" + query)).GET()));
        }
        for (String path : List.of("/nodes?x=%00", "/no-such-endpoint", "/join/extra", "/nodes/health/x", "/%2e%2e/%2e%2e/etc/passwd",
                "/datasets/" + "%2F".repeat(50), "/openapi?format=%00")) {
            attacks.add(request("path", gateway, "GET " + path, HttpRequest.newBuilder(at(gateway, path)).GET()));
            attacks.add(request("path", alice, "GET " + path, HttpRequest.newBuilder(at(alice, path)).GET()));
        }
    }

    private static void rawHttp(List<Attack> attacks) {
        String host = "Host: 127.0.0.1\r\n";
        List<String> raws = List.of(
                "POST /search HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{\"query\":",
                "POST /join HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: -5\r\n\r\n{}",
                "POST /search HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /nodes HTTP/1.1\r\n" + host + "X-Bad: a\nInjected: b\r\n\r\n",
                "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n" + host + "\r\n",
                "GET /nodes HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(70_000) + "\r\n\r\n",
                "GET /nodes HTTP/9.9\r\n" + host + "\r\n",
                "BREW /nodes HTTP/1.1\r\n" + host + "\r\n",
                "GET /nodes\r\n\r\n",
                "\r\n\r\n\r\n",
                "GET /nodes HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
                "POST /search HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        for (String raw : raws) {
            attacks.add(new Attack("raw HTTP", "raw gateway", null, raw.getBytes(StandardCharsets.ISO_8859_1), gateway));
            attacks.add(new Attack("raw HTTP", "raw node", null, raw.getBytes(StandardCharsets.ISO_8859_1), alice));
        }
    }

    // ------------------------------------------------------------------ sending

    private static Outcome send(Attack attack) {
        try {
            HttpResponse<String> response = HTTP.send(attack.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(attack, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), null);
        } catch (HttpTimeoutException e) {
            return new Outcome(attack, 0, "", "", "no answer within " + LIMIT.toSeconds() + " s (a hang)");
        } catch (IOException e) {
            // The server closed the connection on a request it would not read (for example a body over the limit
            // sent without waiting): that is a refusal, not a failure, unless the server is gone.
            return new Outcome(attack, 0, "", "", serverAlive(attack.request().uri()) ? null : "the server died: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Outcome sendRaw(Attack attack) {
        try (Socket socket = new Socket(attack.rawTarget().getHost(), attack.rawTarget().getPort())) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(attack.raw());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedMidway) {
                // The server stopped reading: it answered or closed early.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 64 * 1024; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                if (answer.size() == 0) {
                    return new Outcome(attack, 0, "", "", "no answer within " + LIMIT.toSeconds() + " s (a hang)");
                }
            } catch (IOException reset) {
                // A reset after (or instead of) an answer is a refusal.
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
            return new Outcome(attack, status, "", text, status == 0 && !serverAlive(attack.rawTarget()) ? "the server died" : null);
        } catch (IOException e) {
            return new Outcome(attack, 0, "", "", "could not connect: " + e);
        }
    }

    private static boolean serverAlive(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(uri.getScheme() + "://" + uri.getAuthority() + "/health/live"))
                    .timeout(LIMIT).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ building

    private static Attack postJson(String family, URI server, String path, String json, Map<String, String> headers) {
        return postBytes(family, server, path, json.getBytes(StandardCharsets.UTF_8), "application/json", headers);
    }

    private static Attack postBytes(String family, URI server, String path, byte[] body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(at(server, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return request(family, server, "POST " + path, builder);
    }

    private static Attack request(String family, URI server, String endpoint, HttpRequest.Builder builder) {
        String where = server.equals(gateway) ? "gateway " : "node ";
        return new Attack(family, where + endpoint, builder.timeout(LIMIT).build(), null, null);
    }

    private static HttpRequest.Builder withAuth(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private static URI at(URI server, String path) {
        return URI.create(server + path);
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    private static List<String> datasetIds(URI node) {
        return Http.okObject(Http.get(node, "/datasets")).getJsonArray("datasets").stream()
                .map(d -> d.asJsonObject().getString("id")).toList();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static void report(List<Outcome> outcomes) throws IOException {
        Map<String, Map<String, Integer>> byFamily = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Outcome o : outcomes) {
            String status = o.failure() != null ? "FAILED" : o.status() == 0 ? "closed"
                    : o.attack().raw() == null && refusedByTheContainer(o) ? "400 (Payara's HTTP layer)" : Integer.toString(o.status());
            byFamily.computeIfAbsent(o.attack().family(), f -> new TreeMap<>()).merge(status, 1, Integer::sum);
            byStatus.merge(status, 1, Integer::sum);
        }
        StringBuilder md = new StringBuilder("| family | requests | outcomes |\n|---|---|---|\n");
        byFamily.forEach((family, statuses) -> md.append("| ").append(family).append(" | ")
                .append(statuses.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
                .append(describe(statuses)).append(" |\n"));
        md.append("| **all** | **").append(outcomes.size()).append("** | ").append(describe(byStatus)).append(" |\n");
        Map<String, Integer> endpoints = new LinkedHashMap<>();
        outcomes.forEach(o -> endpoints.merge(o.attack().endpoint(), 1, Integer::sum));
        md.append("\nEndpoints: ").append(endpoints.size()).append(" (").append(String.join(", ", endpoints.keySet())).append(")\n");
        Files.writeString(Path.of("target", "hostile-report.md"), md.toString());
        System.out.println(md);
    }

    private static String describe(Map<String, Integer> statuses) {
        List<String> parts = new ArrayList<>();
        statuses.forEach((status, count) -> parts.add(count + " x " + status));
        return String.join(", ", parts);
    }

    private static void copyExamples(Path root) throws IOException {
        Path examples = ExampleGrid.examples();
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (String id : ExampleGrid.NODE_IDS) {
            Path dir = Files.createDirectories(root.resolve(id));
            try (var files = Files.list(examples.resolve(id))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
        }
    }
}
