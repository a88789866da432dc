package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of malformed and hostile requests against every endpoint of a real gateway and real nodes:
 * broken and deeply nested JSON, huge bodies, wrong types, unicode tricks, path traversal in ids and user
 * names, header tricks, malformed Basic credentials, wrong, forged and expired tokens, oversized tag lists,
 * addresses aimed at internal ranges, wrong methods, and requests broken at the HTTP level. Zero 5xx, zero
 * hangs, every refusal of ours a 4xx {@code application/problem+json} without stack traces or class names,
 * every success one that its case declares (with the reason), and afterwards the grid answers as before with
 * every dataset, user and plan still there. The counts go to {@code target/hostile-report.md} (and docs/security.md).
 */
class HostileInputIT {

    private static final String PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    /** The owner's token on the node, signed in once it runs. */
    private static String TOKEN;
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static final String IRIS_SCHEMA = "{\"task\": \"classification\", \"features\": [\"sepal_length\", \"sepal_width\","
            + " \"petal_length\", \"petal_width\"], \"labels\": [\"setosa\", \"versicolor\", \"virginica\"], \"target\": \"species\"}";
    private static final String ZEROS = "[[0,0,0,0,0],[0,0,0,0,0],[0,0,0,0,0]]";
    /** A plan that alice accepts: registering it is what a scientist does before a run. */
    private static final String IRIS_PLAN = "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"settings\": {\"seed\": 3},"
            + " \"schema\": " + IRIS_SCHEMA + "}";
    /** A step that alice would train, were its token valid. */
    private static final String IRIS_STEP = "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": " + IRIS_SCHEMA
            + ", \"parameters\": " + ZEROS + "}";
    /** The scientist the suite adds to alice. */
    private static final String SCIENTIST = "sci";

    private static ExampleGrid grid;
    private static URI gateway;
    private static URI alice;
    /** The scientist's token (after her password was set again) and her password before that. */
    private static String sciToken;
    private static String sciOldPassword;
    /** A real token of sci from before her password was set again: revoked. */
    private static String revokedToken;
    /** A real token of a user deleted since. */
    private static String deletedUserToken;
    /** A real owner token of another node (bob). */
    private static String bobToken;
    /** Alice's token key, read from her data directory: what an attacker would need, and the suite has. */
    private static byte[] tokenKey;
    /** A plan the suite registered on alice before the attacks; wrong tokens must not drop it. */
    private static String planId;

    @BeforeAll
    static void boot() throws Exception {
        Path data = Path.of("target", "it-data", "hostile").toAbsolutePath();
        copyExamples(data);
        // The rate limits are off here: this suite is one client on purpose, and is about what gets past them.
        grid = ExampleGrid.boot("HostileInputIT", Map.of("grid.rate-limit.join", "0", "grid.rate-limit.search", "0", "grid.rate-limit.runs", "0"),
                Map.of("grid.node.owner-password", PASSWORD, "grid.rate-limit.token", "0"), data::resolve);
        gateway = grid.gateway;
        alice = grid.nodes.get("alice");
        TOKEN = NodeClient.signIn(alice, "owner", PASSWORD).token();
        try (NodeClient owner = new NodeClient(alice, TOKEN)) {
            sciOldPassword = owner.addUser(SCIENTIST, "scientist", null).password();
            revokedToken = NodeClient.signIn(alice, SCIENTIST, sciOldPassword).token();
            String sciPassword = owner.setPassword(SCIENTIST, null).password();
            sciToken = NodeClient.signIn(alice, SCIENTIST, sciPassword).token();
            String gonePassword = owner.addUser("gone", "scientist", null).password();
            deletedUserToken = NodeClient.signIn(alice, "gone", gonePassword).token();
            owner.deleteUser("gone");
        }
        bobToken = NodeClient.signIn(grid.nodes.get("bob"), "owner", PASSWORD).token();
        tokenKey = Files.readAllBytes(grid.dataDirs.get("alice").resolve(".token-key"));
        HttpResponse<String> plan = Http.send(withAuth(HttpRequest.newBuilder(at(alice, "/training/plans")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(IRIS_PLAN)));
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
        planId = Http.json(plan.body()).asJsonObject().getString("plan-id");
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    /**
     * One hostile request.
     *
     * @param success why a {@code 2xx} answer is right for it, or {@code null}: then it must be refused
     * @param status  the one status it must get, or 0 for any refusal
     */
    private record Attack(String family, String endpoint, HttpRequest request, byte[] raw, URI rawTarget, String success,
                          int status) {

        Attack(String family, String endpoint, HttpRequest request, byte[] raw, URI rawTarget) {
            this(family, endpoint, request, raw, rawTarget, null, 0);
        }

        /** @return this request, marked as one that the server accepts, for the reason given */
        Attack succeeds(String why) {
            return new Attack(family, endpoint, request, raw, rawTarget, why, 0);
        }

        /** @return this request, marked as one that the server refuses with exactly this status */
        Attack answers(int expected) {
            return new Attack(family, endpoint, request, raw, rawTarget, null, expected);
        }
    }

    /** What came back. */
    private record Outcome(Attack attack, int status, String contentType, String body, String failure) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    void hundredsOfHostileRequestsGetNo5xxNoHangAndProblemDetailsAndTheGridStillWorks() throws Exception {
        List<String> datasetsBefore = datasetIds(alice);
        List<String> usersBefore = users(alice);
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
        signIns(attacks);
        userBodies(attacks);
        userNames(attacks);
        plans(attacks);
        forgedTokens(attacks);

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
            } else if (o.accepted() && o.attack().success() == null && !answeredEmptyByAFailedNormaliser(o)) {
                failures.add(what + ": accepted (HTTP " + o.status() + "), but its case does not say why it may succeed: "
                        + abbreviate(o.body()));
            } else if (!o.accepted() && o.attack().success() != null) {
                failures.add(what + ": should succeed (" + o.attack().success() + "), got HTTP " + o.status() + " "
                        + abbreviate(o.body()));
            } else if (o.attack().status() != 0 && o.status() != o.attack().status()) {
                failures.add(what + ": should be " + o.attack().status() + ", got HTTP " + o.status() + " " + abbreviate(o.body()));
            } else if (o.status() >= 400 && o.attack().raw() == null && !refusedByTheContainer(o)) {
                if (!o.contentType().startsWith("application/problem+json")) {
                    failures.add(what + ": HTTP " + o.status() + " as " + o.contentType() + ": " + abbreviate(o.body()));
                }
                if (o.body().contains("Exception") || o.body().contains("\tat ") || o.body().matches("(?s).*\\b(java|org\\.gridplatform|jakarta|com\\.nimbusds)\\.[a-z]+\\..*")) {
                    failures.add(what + ": a class name or stack trace in " + abbreviate(o.body()));
                }
            }
        }
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(600);
        assertThat(failures).as("requests that got a 5xx, hung, were refused without clean problem details, or were "
                + "answered otherwise than their case says").isEmpty();

        // The grid still works, and nothing was lost.
        for (Outcome o : outcomes) {
            // Joins and plans that cases declared valid (odd but valid ids at loopback addresses, a plan) leave again.
            if (o.attack().endpoint().equals("gateway POST /join") && o.status() == 200) {
                String id = Http.json(o.body()).asJsonObject().getString("node-id");
                Http.send(HttpRequest.newBuilder(gateway.resolve("/nodes/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        .replace("+", "%20"))).DELETE());
            }
            if (o.attack().endpoint().equals("node POST /training/plans") && o.status() == 201) {
                String id = Http.json(o.body()).asJsonObject().getString("plan-id");
                assertThat(Http.send(withAuth(HttpRequest.newBuilder(at(alice, "/training/plans/" + id))).DELETE()).statusCode())
                        .isEqualTo(204);
            }
        }
        assertThat(datasetIds(alice)).as("alice's datasets").isEqualTo(datasetsBefore);
        List<String> usersAfter = new ArrayList<>(usersBefore);
        usersAfter.addAll(CREATED_ON_PURPOSE);
        assertThat(users(alice)).as("alice's users and their roles").containsExactlyInAnyOrderElementsOf(usersAfter);
        assertThat(NodeClient.signIn(alice, "owner", PASSWORD).role()).as("the owner's password is unchanged").isEqualTo("owner");
        try (NodeClient sci = new NodeClient(alice, sciToken)) {
            assertThat(sci.me().role()).as("sci's token still works: her password and role are unchanged").isEqualTo("scientist");
        }
        HttpResponse<String> dropped = Http.send(withAuth(HttpRequest.newBuilder(at(alice, "/training/plans/" + planId))).DELETE());
        assertThat(dropped.statusCode()).as("the suite's plan is still there: " + dropped.body()).isEqualTo(204);
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
                || path.contains("%00") || path.contains("%2e%2e") || path.matches(".*/\\.{2,}(/.*)?")
                || path.toUpperCase(java.util.Locale.ROOT).matches(".*%C[01].*") // overlong UTF-8
                || o.attack().request().headers().map().values().stream().flatMap(List::stream).anyMatch(v -> v.length() > 8000);
        return unparsable && o.status() == 400 && o.contentType().isEmpty() && o.body().isEmpty();
    }

    /**
     * A request whose path ends in a dot segment ({@code /..} or {@code /.}) that Payara's HTTP layer (Grizzly
     * 4's {@code HttpRequestURIDecoder.normalizeBytes}) fails on: to add the '/' it appends to such a path, it writes
     * one byte past the end of the path's buffer when that buffer is exactly as long as the path (it depends on
     * how the request was read, so the same request fails at times and not at others), throws
     * {@code ArrayIndexOutOfBoundsException}, logs it at SEVERE, and answers an empty {@code 200} without calling any
     * servlet or Grid code. Nothing happens; the application cannot answer these with problem details.
     */
    private static boolean answeredEmptyByAFailedNormaliser(Outcome o) {
        if (o.attack().request() == null) {
            return false;
        }
        String path = o.attack().request().uri().getRawPath().replace("%2e", ".").replace("%2E", ".");
        return (path.endsWith("/..") || path.endsWith("/.")) && o.status() == 200 && o.contentType().isEmpty() && o.body().isEmpty();
    }

    // ------------------------------------------------------------------ families

    private static final List<String> JSON_ENDPOINTS_GATEWAY = List.of("/join", "/search", "/training-runs");
    private static final List<String> JSON_ENDPOINTS_NODE = List.of("/search", "/training/steps", "/training/evaluations",
            "/training/plans", "/users");

    /** Broken-looking bodies that are valid searches; every other body of this family is refused everywhere. */
    private static final Map<String, String> VALID_SEARCHES = Map.of(
            "{\"query\": [\"#iris\"]} trailing", "a valid search followed by junk: JSON-B reads the first value and stops",
            "{\"query\": [\"#iris\"]}\u0000", "a valid search followed by a NUL: JSON-B reads the first value and stops",
            "{\"query\": [\"\\ud800\"]}", "a lone surrogate escape is valid JSON: a search for a tag nobody has");

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
        // Deep nesting where a string or a setting belongs: the readers recurse into it (this overflowed the stack once).
        for (String field : List.of("query", "node-id", "password")) {
            bodies.add(("{\"" + field + "\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(("{\"settings\": {\"epochs\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000) + "}}")
                .getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            String valid = VALID_SEARCHES.get(new String(body, StandardCharsets.UTF_8));
            for (String path : JSON_ENDPOINTS_GATEWAY) {
                Attack attack = postBytes("broken JSON", gateway, path, body, "application/json", Map.of());
                attacks.add(valid != null && path.equals("/search") ? attack.succeeds(valid) : attack);
            }
            for (String path : JSON_ENDPOINTS_NODE) {
                Attack attack = postBytes("broken JSON", alice, path, body, "application/json", auth());
                attacks.add(valid != null && path.equals("/search") ? attack.succeeds(valid) : attack);
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
                "[]", "{}")) {
            attacks.add(postJson("wrong types", gateway, "/join", join, Map.of()));
        }
        attacks.add(postJson("wrong types", gateway, "/join", "{\"node-id\": \"ok\", \"node-address\": \"http://127.0.0.1:1\","
                + " \"admin\": true}", Map.of()).succeeds("a valid join: PyGrid's shape lets other implementations send more"));
        for (String search : List.of("{\"query\": \"#iris\"}", "{\"query\": [1]}", "{\"query\": [[]]}", "{\"query\": null}",
                "{\"query\": [null]}", "{\"query\": [true]}", "{\"query\": {}}", "{\"query\": []}", "{\"q\": [\"#iris\"]}")) {
            attacks.add(postJson("wrong types", gateway, "/search", search, Map.of()));
            attacks.add(postJson("wrong types", alice, "/search", search, Map.of()));
        }
        String extra = "{\"query\": [\"#iris\"], \"extra\": 1}";
        attacks.add(postJson("wrong types", gateway, "/search", extra, Map.of()).succeeds("a valid search: PyGrid's shape is open"));
        attacks.add(postJson("wrong types", alice, "/search", extra, Map.of()).succeeds("a valid search: PyGrid's shape is open"));
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
            // An evaluation takes no settings: stripped of its bad ones, a step with zeros of the right shape is a valid evaluation.
            String evaluation = step.replaceAll(", \"settings\": \\{[^}]*}", "");
            Attack evaluate = postJson("wrong types", alice, "/training/evaluations", evaluation, auth());
            attacks.add(!evaluation.equals(step) ? evaluate.succeeds("a valid evaluation: only the step's settings were wrong") : evaluate);
        }
    }

    private static void unicodeTricks(List<Attack> attacks) {
        // Tags after NFKC, trimming and lower-casing, but no node id: searches for them are valid and find nothing.
        List<String> oddTags = List.of("ali\u202ece", "al\u200bice", "\uD83D\uDE00", "e\u0301", "\u0430lice", "\uFF41lice", " alice ",
                "alice\n", "%61lice", "\\u0061lice");
        for (String text : List.of("ali\u202ece", "al\u200bice", "a\u0000b", "\uD83D\uDE00", "e\u0301", "\u0430lice", "\uFF41lice",
                "x".repeat(1000), "\u0000", " alice ", "alice\n", "alice\r\nX-Injected: 1", "\u2028", "%61lice", "\\u0061lice")) {
            String json = jsonString(text);
            String why = oddTags.contains(text) ? "a valid search for an odd tag that nobody has" : null;
            attacks.add(postJson("unicode", gateway, "/join", "{\"node-id\": " + json + ", \"node-address\": \"http://127.0.0.1:9\"}",
                    Map.of()));
            Attack search = postJson("unicode", gateway, "/search", "{\"query\": [" + json + "]}", Map.of());
            attacks.add(why != null ? search.succeeds(why) : search);
            Attack nodeSearch = postJson("unicode", alice, "/search", "{\"query\": [" + json + "]}", Map.of());
            attacks.add(why != null ? nodeSearch.succeeds(why) : nodeSearch);
        }
    }

    private static void pathTraversal(List<Attack> attacks) {
        for (String id : List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e", "..%5c..%5c", "%00", "a%00b",
                "iris%2F..%2F..%2Fwine", "....%2F%2F", "%252e%252e%252f", "%2Fetc%2Fpasswd", "con", "a".repeat(300),
                "%c0%ae%c0%ae%2f", "~root", "%24(id)", "%60id%60", "%3Bls", "%3Cscript%3E", "iris.csv", ".node-secret",
                ".staging-x", "iris.meta.json", "%20", "%E2%80%AE", "iris;", "iris;x=1")) {
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
        for (String path : List.of("/users", "/training/plans")) {
            attacks.add(postBytes("huge body", alice, path, big, "application/json", auth()));
            attacks.add(postBytes("huge body", alice, path, huge, "application/json", auth()));
        }
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
            attacks.add(postJson("wrong token", alice, "/training/plans", IRIS_PLAN, header));
            attacks.add(request("wrong token", alice, "DELETE /training/plans/{id}", HttpRequest.newBuilder(
                    at(alice, "/training/plans/" + planId)).header("Authorization", authorization).DELETE()));
            attacks.add(request("wrong token", alice, "GET /auth/me", HttpRequest.newBuilder(at(alice, "/auth/me"))
                    .header("Authorization", authorization).GET()));
            attacks.add(request("wrong token", alice, "GET /users", HttpRequest.newBuilder(at(alice, "/users"))
                    .header("Authorization", authorization).GET()));
            attacks.add(postJson("wrong token", alice, "/users", "{\"name\": \"wrong\", \"role\": \"owner\"}", header));
            attacks.add(request("wrong token", alice, "DELETE /users/{name}", HttpRequest.newBuilder(at(alice, "/users/" + SCIENTIST))
                    .header("Authorization", authorization).DELETE()));
        }
        for (String path : List.of("/auth/me", "/users")) {
            attacks.add(request("no token", alice, "GET " + path, HttpRequest.newBuilder(at(alice, path)).GET()));
        }
        attacks.add(postJson("no token", alice, "/training/plans", IRIS_PLAN, Map.of()));
        attacks.add(request("no token", alice, "DELETE /training/plans/{id}", HttpRequest.newBuilder(at(alice, "/training/plans/" + planId))
                .DELETE()));
        attacks.add(request("no token", alice, "DELETE /datasets/{id}", HttpRequest.newBuilder(at(alice, "/datasets/iris")).DELETE()));
        attacks.add(postJson("no token", alice, "/training/steps", "{}", Map.of()));
    }

    private static void contentTypes(List<Attack> attacks) {
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/x-www-form-urlencoded", "application/json; charset=nope", "*/*", "application/problem+json")) {
            for (String path : List.of("/join", "/search")) {
                Attack attack = postBytes("content type", gateway, path, "{\"query\": [\"#iris\"]}".getBytes(StandardCharsets.UTF_8), type,
                        Map.of());
                attacks.add(path.equals("/search") && type.startsWith("application/json; charset=")
                        ? attack.succeeds("a valid search: JSON is UTF-8 (RFC 8259), so the reader ignores the charset parameter") : attack);
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
            Attack join = postJson("oversized tags", gateway, "/join", "{\"node-id\": \"tags-" + count
                    + "\", \"node-address\": \"http://127.0.0.1:9\", \"tag-sets\": [[" + tags.replace("#t", "#u") + "]]}", Map.of());
            attacks.add(count <= 1000 ? join.succeeds("a valid join: " + count + " copies of one tag are one tag") : join);
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
            String options = method.equals("OPTIONS") ? "OPTIONS lists the methods allowed (Jersey's WADL: paths and methods that "
                    + "/openapi publishes anyway)" : null;
            for (String path : List.of("/join", "/search", "/nodes", "/health-check")) {
                Attack attack = request("method", gateway, method + " " + path, HttpRequest.newBuilder(at(gateway, path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
                attacks.add(options != null ? attack.succeeds(options) : attack);
            }
            for (String path : List.of("/datasets", "/training/steps", "/identity")) {
                Attack attack = request("method", alice, method + " " + path, withAuth(HttpRequest.newBuilder(at(alice, path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")));
                attacks.add(options != null ? attack.succeeds(options) : attack);
            }
        }
        for (String query : List.of("fresh=maybe", "fresh=" + "x".repeat(5000), "fresh=%00", "fresh=TRUE")) {
            attacks.add(request("query", gateway, "GET /health-check", HttpRequest.newBuilder(at(gateway, "/health-check?" + query)).GET()));
        }
        attacks.add(request("query", gateway, "GET /health-check", HttpRequest.newBuilder(at(gateway, "/health-check?fresh=true&fresh=false"))
                .GET()).succeeds("a repeated query parameter: the first value counts"));
        for (String path : List.of("/nodes?x=%00", "/no-such-endpoint", "/join/extra", "/nodes/health/x", "/%2e%2e/%2e%2e/etc/passwd",
                "/datasets/" + "%2F".repeat(50), "/openapi?format=%00")) {
            Attack atGateway = request("path", gateway, "GET " + path, HttpRequest.newBuilder(at(gateway, path)).GET());
            attacks.add(path.equals("/nodes?x=%00") ? atGateway.succeeds("GET /nodes, open to anyone; unknown query parameters are ignored")
                    : atGateway);
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
            Attack atGateway = new Attack("raw HTTP", "raw gateway", null, raw.getBytes(StandardCharsets.ISO_8859_1), gateway);
            attacks.add(raw.equals("GET /nodes\r\n\r\n") ? atGateway.succeeds("a request line without a version is read as HTTP/0.9:"
                    + " GET /nodes, open to anyone") : atGateway);
            attacks.add(new Attack("raw HTTP", "raw node", null, raw.getBytes(StandardCharsets.ISO_8859_1), alice));
        }
    }

    // ------------------------------------------------------------------ users, roles, tokens and plans

    /** A password of the longest length, in 3-byte UTF-8 letters: the largest Basic credentials a user may have. */
    private static final String LONGEST_PASSWORD = "\u5bc6".repeat(1024);
    /** A valid password with a colon, CR LF, NUL, an RTL override and a surrogate pair in it. */
    private static final String ODD_PASSWORD = "a:b\r\nc\u0000d\u202ee \uD83D\uDE00 f";
    /** The users that cases create on purpose, as {@link #users} lists them. */
    private static final List<String> CREATED_ON_PURPOSE = List.of("long-pw scientist", "odd-pw scientist");

    private static void signIns(List<Attack> attacks) {
        List<String> headers = new ArrayList<>(List.of("Basic", "Basic ", "Basic ====", "Basic !!!", "Basic b3duZXI6-_-_",
                "Basic " + "A".repeat(5_000), "Basic " + "QUFB".repeat(1_800), "Bearer " + TOKEN, "Digest username=\"owner\"",
                "Basic" + basic("owner:" + PASSWORD).substring(5).replace(" ", "\t"), "Negotiate " + basic("owner:" + PASSWORD).substring(6)));
        headers.add(basic("owner" + PASSWORD));                                    // no colon
        headers.add(basic(":" + PASSWORD));                                        // empty user
        headers.add(basic("owner:"));                                              // empty password
        headers.add(basic(":"));
        for (String user : List.of("owner\u0000", "\u0000owner", "owner\r\nX-Injected: 1", "owner\n", " owner", "owner ", "OWNER",
                "\u043ewner", "\uFF4F\uFF57\uFF4E\uFF45\uFF52", "owner\u200b", "ow\u202ener", "../owner", "owner/../owner",
                "o".repeat(65), "owner%00", "nobody", "gone", SCIENTIST)) {
            headers.add(basic(user + ":" + PASSWORD));                             // the owner's password, another name
        }
        for (String password : List.of("p".repeat(1_100), PASSWORD + " ", " " + PASSWORD, PASSWORD.toUpperCase(),
                PASSWORD + ":", "wrong-password-123", sciOldPassword, PASSWORD.substring(1), LONGEST_PASSWORD)) {
            headers.add(basic("owner:" + password));
        }
        headers.add(basic(SCIENTIST + ":" + sciOldPassword));                      // her password before it was set again
        headers.add("Basic " + Base64.getEncoder().encodeToString(new byte[] {'o', (byte) 0xC0, (byte) 0xAF, ':', 'x'})); // not UTF-8
        headers.add("Basic " + Base64.getEncoder().encodeToString(("own\u00e9r:" + PASSWORD).getBytes(StandardCharsets.ISO_8859_1)));
        headers.add("Basic " + Base64.getEncoder().encodeToString(("owner:" + PASSWORD).getBytes(StandardCharsets.UTF_16)));
        headers.add(basic("owner:" + PASSWORD) + "," + basic("owner:" + PASSWORD).substring(6));
        headers.add("Bearer " + forge(claims(TOKEN), c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        for (String header : headers) {
            attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                    .header("Authorization", header).POST(HttpRequest.BodyPublishers.noBody())).answers(401));
        }
        attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .POST(HttpRequest.BodyPublishers.noBody())).answers(401));
        attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .header("Authorization", basic("owner:wrong-password-123")).header("Authorization", basic("owner:" + PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody())).answers(401));
        attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .header("Authorization", basic("owner:" + PASSWORD)).header("Authorization", basic("owner:wrong-password-123"))
                .POST(HttpRequest.BodyPublishers.noBody()))
                .succeeds("the first of two Authorization headers counts, and it has the owner's right password"));
        attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .header("Authorization", basic("owner:" + PASSWORD + "\u0000\u0000")).POST(HttpRequest.BodyPublishers.noBody()))
                .succeeds("the owner's right password and NULs: PBKDF2's HMAC pads a password with zero bytes, so they change nothing"));
        attacks.add(request("sign-in", alice, "GET /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .header("Authorization", basic("owner:" + PASSWORD)).GET()).answers(405));
        byte[] huge = new byte[3 * 1024 * 1024];
        attacks.add(postBytes("sign-in", alice, "/auth/token", huge, "application/json",
                Map.of("Authorization", basic("owner:wrong-password-123"))));
        attacks.add(request("sign-in", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                .header("Authorization", "basic " + basic("owner:" + PASSWORD).substring(6)).POST(HttpRequest.BodyPublishers.noBody()))
                .succeeds("the owner's right password; the scheme's name is case-insensitive (RFC 9110)"));
    }

    private static void userBodies(List<Attack> attacks) {
        Map<String, String> asOwner = auth();
        List<String> bodies = new ArrayList<>(List.of("{}", "[]", "null", "\"owner\"", "1", "{\"name\": 1, \"role\": \"scientist\"}",
                "{\"name\": [\"x\"], \"role\": \"scientist\"}", "{\"name\": {}, \"role\": \"scientist\"}",
                "{\"name\": \"wt\", \"role\": 1}", "{\"name\": \"wt\", \"role\": [\"owner\"]}", "{\"name\": \"wt\", \"role\": {\"owner\": true}}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"password\": 123456789012345}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"password\": true}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"password\": [\"a-long-enough-password\"]}",
                "{\"name\": null, \"role\": \"scientist\"}", "{\"name\": \"wt\"}", "{\"name\": \"wt\", \"role\": null}",
                "{\"role\": \"owner\"}", "{\"name\": \"dupe\", \"name\": \"../owner\", \"role\": \"scientist\"}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"role\": \"admin\"}",
                "{\"name\": \"owner\", \"role\": \"owner\"}", "{\"name\": \"sci\", \"role\": \"owner\"}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"groups\": [\"owner\"]}",
                "{\"name\": \"wt\", \"role\": \"scientist\", \"password-hash\": \"PBKDF2WithHmacSHA512:1:AA==:AA==\"}"));
        for (String role : List.of("admin", "root", "owners", "", " ", "owner\u0000", "own\u0435r", "\uFF2F\uFF37\uFF2E\uFF25\uFF32",
                "sc\u0131entist", "\u017Fcientist", "owner,scientist", "*", "anonymous", "r".repeat(10_000))) {
            bodies.add("{\"name\": \"wt\", \"role\": " + jsonString(role) + "}");
        }
        for (String name : List.of("../owner", "..", "/etc/passwd", "a/b", "a\\b", "owner\u0000", "\u043ewner", "\u00f3wner", "Owner",
                " owner", "owner ", "n".repeat(65), "n".repeat(30_000), "", "-x", ".x", "_x", "1x", "a\u202eb", "a\u200bb",
                "\uD83D\uDE00", "owner\r\nX-Injected: 1", "%2e%2e", "x:y", ".token-key", "users.json\u0000")) {
            bodies.add("{\"name\": " + jsonString(name) + ", \"role\": \"scientist\"}");
        }
        for (String password : List.of("", "p".repeat(11), "p".repeat(1_025), "\u0000".repeat(11), "\uD83D\uDE00".repeat(5) + "p",
                LONGEST_PASSWORD + "p")) {
            bodies.add("{\"name\": \"wt\", \"role\": \"scientist\", \"password\": " + jsonString(password) + "}");
        }
        bodies.add("{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + ", \"role\": \"scientist\"}");
        bodies.add("{\"name\": \"wt\", \"role\": \"scientist\", \"x\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}");
        for (String body : bodies) {
            attacks.add(postJson("user bodies", alice, "/users", body, asOwner));
        }
        attacks.add(postJson("user bodies", alice, "/users", "{\"name\": \"wt\", \"role\": \"scientist\", \"password\": "
                + jsonString("p".repeat(70_000)) + "}", asOwner).answers(413));
        byte[] huge = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        attacks.add(postBytes("user bodies", alice, "/users", huge, "application/json", asOwner).answers(413));
        attacks.add(postBytes("user bodies", alice, "/users", "name=wt&role=owner".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", asOwner).answers(415));
        attacks.add(postJson("user bodies", alice, "/users", "{\"name\": \"sci-made\", \"role\": \"owner\"}",
                Map.of("Authorization", "Bearer " + sciToken)).answers(403));
        attacks.add(postJson("user bodies", alice, "/users", "{\"name\": \"anon-made\", \"role\": \"owner\"}", Map.of()).answers(401));
        // Two users on purpose: the longest password in 3-byte letters, and one full of control characters; both sign in.
        attacks.add(postJson("user bodies", alice, "/users", "{\"name\": \"long-pw\", \"role\": \"scientist\", \"password\": "
                + jsonString(LONGEST_PASSWORD) + "}", asOwner).succeeds("a user created on purpose: the longest password, 3,072 bytes"));
        attacks.add(postJson("user bodies", alice, "/users", "{\"name\": \"odd-pw\", \"role\": \"scientist\", \"password\": "
                + jsonString(ODD_PASSWORD) + "}", asOwner).succeeds("a user created on purpose: a password with ':', CR LF, NUL, RTL"));
        for (String credentials : List.of("long-pw:" + LONGEST_PASSWORD, "odd-pw:" + ODD_PASSWORD)) {
            attacks.add(request("user bodies", alice, "POST /auth/token", HttpRequest.newBuilder(at(alice, "/auth/token"))
                    .header("Authorization", basic(credentials)).POST(HttpRequest.BodyPublishers.noBody()))
                    .succeeds("the users created on purpose sign in with their odd passwords"));
        }
    }

    private static void userNames(List<Attack> attacks) {
        String newPassword = "{\"password\": \"a hostile new password\"}";
        for (String name : List.of("..", "...", "%2e%2e", "..%2Fowner", "owner%00", "OWNER", "Owner", "Sci", "%20owner", "owner%20",
                "owner%09", "%D0%BEwner", "%EF%BD%8F%EF%BD%97%EF%BD%8E%EF%BD%85%EF%BD%92", "owner%E2%80%8B", "sci%E2%80%AE",
                "n".repeat(300), "%0D%0AX-Injected:%201", "no-such-user", "owner;", "owner%3Bsci", "*", "%2A", "sci%2F..%2Fowner",
                "gone", "~owner", "owner.json", "users.json", ".token-key", "%2E%2E%2Fusers.json", "%F0%9F%98%80", "%C0%AE%C0%AE",
                "%25%30%30", "owner%2Csci")) {
            attacks.add(request("user names", alice, "PUT /users/{name}/password", withAuth(HttpRequest.newBuilder(
                    at(alice, "/users/" + name + "/password")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(newPassword)))));
            attacks.add(request("user names", alice, "DELETE /users/{name}", withAuth(HttpRequest.newBuilder(
                    at(alice, "/users/" + name)).DELETE())));
        }
        // A scientist for another user, or for what only owners may do.
        for (String name : List.of("owner", "Sci", "sci%20", "SCI", "long-pw", "no-such-user")) {
            attacks.add(request("user names", alice, "PUT /users/{name}/password", asUser(HttpRequest.newBuilder(
                    at(alice, "/users/" + name + "/password")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(newPassword)), sciToken)).answers(403));
        }
        for (String name : List.of("owner", SCIENTIST, "long-pw")) {
            attacks.add(request("user names", alice, "DELETE /users/{name}", asUser(HttpRequest.newBuilder(
                    at(alice, "/users/" + name)).DELETE(), sciToken)).answers(403));
        }
        attacks.add(request("user names", alice, "GET /users", asUser(HttpRequest.newBuilder(at(alice, "/users")).GET(), sciToken))
                .answers(403));
        attacks.add(request("user names", alice, "DELETE /users/{name}", withAuth(HttpRequest.newBuilder(at(alice, "/users/owner"))
                .DELETE())).answers(409));
        // Bodies of a password change that must change nothing: wrong types, lengths, shapes and fields.
        for (String body : List.of("[]", "\"a-long-enough-password\"", "1", "{\"password\": 123456789012345}", "{\"password\": true}",
                "{\"password\": [\"a-long-enough-password\"]}", "{\"password\": {}}", "{\"password\": \"short\"}",
                "{\"password\": " + jsonString("p".repeat(1_025)) + "}", "{\"password\": \"\"}",
                "{\"pasword\": \"a misspelt field name\"}", "{\"password\": \"a-long-enough-password\", \"role\": \"owner\"}",
                "{\"new-password\": \"a-long-enough-password\"}",
                "{\"password\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "{\"password\": \"unterminated", "{\"password\": NaN}")) {
            attacks.add(request("user names", alice, "PUT /users/{name}/password", asUser(HttpRequest.newBuilder(
                    at(alice, "/users/" + SCIENTIST + "/password")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), sciToken)));
        }
        attacks.add(request("user names", alice, "PUT /users/{name}/password", asUser(HttpRequest.newBuilder(
                at(alice, "/users/" + SCIENTIST + "/password")).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("a-long-enough-password")), sciToken)).answers(415));
        attacks.add(request("user names", alice, "PUT /users/{name}/password", asUser(HttpRequest.newBuilder(
                at(alice, "/users/" + SCIENTIST + "/password")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\": " + jsonString("p".repeat(70_000)) + "}")), sciToken)).answers(413));
    }

    private static void plans(List<Attack> attacks) {
        Map<String, String> asSci = Map.of("Authorization", "Bearer " + sciToken);
        String base = "\"backend\": \"tribuo-logistic\", \"schema\": " + IRIS_SCHEMA;
        for (String body : List.of("{}", "[]", "null", "\"plan\"", "{\"dataset\": 1, " + base + "}", "{\"dataset\": [\"iris\"], " + base + "}",
                "{" + base + "}", "{\"dataset\": \"iris\", \"tags\": [\"#iris\"], " + base + "}",
                "{\"dataset\": \"../iris\", " + base + "}", "{\"dataset\": \"..\", " + base + "}", "{\"dataset\": \"iris\\u0000\", " + base + "}",
                "{\"dataset\": \"iris.csv\", " + base + "}", "{\"dataset\": \".token-key\", " + base + "}",
                "{\"dataset\": \"/etc/passwd\", " + base + "}", "{\"dataset\": \"users\", " + base + "}",
                "{\"tags\": [null], " + base + "}", "{\"tags\": [], " + base + "}", "{\"tags\": \"#iris\", " + base + "}",
                "{\"tags\": [" + String.join(",", java.util.Collections.nCopies(100, "\"#t\"")) + "], " + base + "}",
                "{\"tags\": [\"#no-such-tag\"], " + base + "}",
                "{\"dataset\": \"iris\", \"backend\": \"no-such-backend\", \"schema\": " + IRIS_SCHEMA + "}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-linear\", \"schema\": " + IRIS_SCHEMA + "}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\"}",
                "{\"dataset\": \"iris\", \"backend\": \"tribuo-logistic\", \"schema\": \"iris\"}",
                "{\"dataset\": \"iris\", " + base.replace("\"classification\"", "\"clustering\"") + "}",
                "{\"dataset\": \"iris\", " + base.replace("\"species\"}", "\"\"}") + "}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": {\"epochs\": null}}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": {\"epochs\": {}}}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": {\"epochs\": 1e9}}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": {\"no-such-setting\": 1}}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": [1]}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": [null]}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": [{\"key\": null, \"value\": 5}]}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": [{\"key\": null, \"value\": {\"offset\": 0, \"scale\": 1}}]}",
                "{\"dataset\": \"iris\", " + base + ", \"settings\": {\"learning-rate\": \"-1\"}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"no_such_feature\": {\"offset\": 0, \"scale\": 1}}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"sepal_length\": {\"offset\": \"a\", \"scale\": 1}}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"sepal_length\": null}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"sepal_length\": {\"offset\": 0, \"scale\": 0}}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"sepal_length\": {\"offset\": 0, \"scale\": 1e999}}}",
                "{\"dataset\": \"iris\", " + base + ", \"scaling\": {\"sepal_length\": {\"offset\": 0, \"scale\": -1}}}",
                "{\"plan-id\": \"" + planId + "\", \"dataset\": \"iris\", " + base + "}")) {
            attacks.add(postJson("training plans", alice, "/training/plans", body, asSci));
        }
        attacks.add(postJson("training plans", alice, "/training/plans", "{\"dataset\": \"iris\", "
                + base.replace("\"sepal_width\"", "\"no_such_column\"") + "}", asSci)
                .succeeds("a valid plan: a schema feature the node lacks is 0 after scaling, as federated schemas allow"));
        for (String id : List.of("00000000-0000-0000-0000-000000000000", planId.toUpperCase(), planId + "x", planId.substring(1),
                planId.replace("-", ""), "%7B" + planId + "%7D", "..", "..%2F" + planId, planId + "%00", planId + "%2F..", "%20", "null",
                "plan-1", "n".repeat(5_000), planId + ";" + planId, "%E2%80%AE" + planId)) {
            attacks.add(request("training plans", alice, "DELETE /training/plans/{id}", asUser(HttpRequest.newBuilder(
                    at(alice, "/training/plans/" + id)).DELETE(), sciToken)));
        }
        for (String path : List.of("/training/steps", "/training/evaluations")) {
            for (String body : List.of("{\"plan-id\": \"../../etc/passwd\", \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": \"00000000-0000-0000-0000-000000000000\", \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": 5, \"parameters\": " + ZEROS + "}", "{\"plan-id\": [\"" + planId + "\"], \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": \"" + planId + "\", \"dataset\": \"iris\", \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": \"" + planId + "\", \"schema\": " + IRIS_SCHEMA + ", \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": \"" + planId + "\", \"parameters\": \"x\"}", "{\"plan-id\": \"" + planId + "\"}",
                    "{\"plan-id\": \"" + planId + "\", \"parameters\": [[0,0]]}",
                    "{\"plan-id\": \"" + planId.toUpperCase() + "\", \"parameters\": " + ZEROS + "}",
                    "{\"plan-id\": \"\", \"parameters\": " + ZEROS + "}")) {
                attacks.add(postJson("training plans", alice, path, body, asSci));
            }
            attacks.add(postJson("training plans", alice, path, "{\"plan-id\": \"" + planId + "\", \"parameters\": " + ZEROS + "}", asSci)
                    .succeeds("a valid " + path.substring(10, path.length() - 1) + " by the suite's plan: it changes nothing"));
        }
        attacks.add(postJson("training plans", alice, "/training/steps", "{\"plan-id\": \"" + planId + "\", \"parameters\": "
                + ZEROS + ", \"settings\": {\"epochs\": 100000}}", asSci));
        attacks.add(postJson("training plans", alice, "/training/steps", "{\"plan-id\": \"" + planId + "\", \"parameters\": "
                + ZEROS + ", \"settings\": [1]}", asSci));
        attacks.add(postJson("training plans", alice, "/training/steps", IRIS_STEP.substring(0, IRIS_STEP.length() - 1)
                + ", \"scaling\": [{\"key\": null, \"value\": {\"offset\": 0, \"scale\": 1}}]}", asSci));
    }

    /**
     * Wrong, forged and expired tokens on every endpoint that needs a role, and on a few that anyone may call (a bad
     * token is refused there too): all must be {@code 401}. The forgeries that carry the node's own signature need its
     * key, which the suite reads from the node's data directory; each tests one check that the signature alone does not make.
     */
    private static void forgedTokens(List<Attack> attacks) {
        JWTClaimsSet owner = claims(TOKEN);
        JWTClaimsSet sci = claims(sciToken);
        Instant now = Instant.now();
        String otherNode = "grid-node:bob";
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired an hour ago", forge(owner, c -> c.issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600)))));
        tokens.put("expired 2 minutes ago (past the 30 s leeway)", forge(owner, c -> c.expirationTime(Date.from(now.minusSeconds(120)))));
        tokens.put("issued by another node", forge(owner, c -> c.issuer(otherNode).audience(otherNode)));
        tokens.put("for another node's audience", forge(owner, c -> c.audience(otherNode)));
        tokens.put("without an audience", forge(owner, c -> c.audience((String) null)));
        tokens.put("without an expiry", forge(owner, c -> c.expirationTime(null)));
        tokens.put("valid only from tomorrow", forge(owner, c -> c.notBeforeTime(Date.from(now.plusSeconds(86_400)))));
        tokens.put("alg none", new PlainJWT(owner).serialize());
        tokens.put("HS512 with the node's key", hmac(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(), owner,
                "HmacSHA512", tokenKey));
        tokens.put("HS384 with the node's key", hmac(new JWSHeader.Builder(JWSAlgorithm.HS384).type(JOSEObjectType.JWT).build(), owner,
                "HmacSHA384", tokenKey));
        tokens.put("RS256 in the header, HMAC with the node's key", hmac(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT).build(), owner, "HmacSHA256", tokenKey));
        tokens.put("typ of an access token (at+jwt)", hmac(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("at+jwt")).build(), owner, "HmacSHA256", tokenKey));
        tokens.put("signed with another key", forge(owner, c -> { }, otherKey));
        tokens.put("RS256 with the attacker's key in its jwk header", withEmbeddedKey(owner));
        tokens.put("a scientist's, claiming groups [owner]", forge(sci, c -> c.claim("groups", List.of("owner"))));
        tokens.put("groups [owner, scientist]", forge(owner, c -> c.claim("groups", List.of("owner", "scientist"))));
        tokens.put("groups \"owner\", a string", forge(owner, c -> c.claim("groups", "owner")));
        tokens.put("groups [admin]", forge(owner, c -> c.claim("groups", List.of("admin"))));
        tokens.put("groups [OWNER ] (case and space)", forge(sci, c -> c.claim("groups", List.of(" OWNER "))));
        tokens.put("a later generation", forge(owner, c -> c.claim("gen", ((Number) owner.getClaim("gen")).longValue() + 1)));
        tokens.put("a generation that is a string", forge(owner, c -> c.claim("gen", owner.getClaim("gen").toString())));
        tokens.put("a user that does not exist", forge(owner, c -> c.subject("nobody").claim("upn", "nobody")));
        tokens.put("sub ../owner", forge(owner, c -> c.subject("../owner").claim("upn", "../owner")));
        tokens.put("sub OWNER", forge(owner, c -> c.subject("OWNER").claim("upn", "OWNER")));
        tokens.put("a deleted user's", deletedUserToken);
        tokens.put("revoked by a new password", revokedToken);
        tokens.put("the owner's of another node", bobToken);
        tokens.put("a scientist's with the role changed after signing", tamper(sciToken, "\"scientist\"", "\"owner\""));
        for (var token : tokens.entrySet()) {
            for (Attack attack : roleEndpoints("Bearer " + token.getValue())) {
                attacks.add(attack.answers(401));
            }
        }
    }

    /** Every endpoint of the node that needs a role, each called as it would succeed with a valid owner token; and three open ones. */
    private static List<Attack> roleEndpoints(String authorization) {
        String family = "forged or expired token";
        Function<HttpRequest.Builder, HttpRequest.Builder> as = b -> b.header("Authorization", authorization);
        List<Attack> list = new ArrayList<>();
        list.add(request(family, alice, "GET /auth/me", as.apply(HttpRequest.newBuilder(at(alice, "/auth/me")).GET())));
        list.add(request(family, alice, "GET /users", as.apply(HttpRequest.newBuilder(at(alice, "/users")).GET())));
        list.add(postJson(family, alice, "/users", "{\"name\": \"forged\", \"role\": \"owner\"}", Map.of("Authorization", authorization)));
        list.add(request(family, alice, "PUT /users/{name}/password", as.apply(HttpRequest.newBuilder(at(alice, "/users/" + SCIENTIST
                + "/password")).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"password\": \"a forged new password\"}")))));
        list.add(request(family, alice, "DELETE /users/{name}", as.apply(HttpRequest.newBuilder(at(alice, "/users/" + SCIENTIST)).DELETE())));
        list.add(postBytes(family, alice, "/datasets", "--x--\r\n".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x",
                Map.of("Authorization", authorization)));
        list.add(request(family, alice, "DELETE /datasets/{id}", as.apply(HttpRequest.newBuilder(at(alice, "/datasets/iris")).DELETE())));
        list.add(postJson(family, alice, "/training/steps", IRIS_STEP, Map.of("Authorization", authorization)));
        list.add(request(family, alice, "DELETE /training/steps/{id}", as.apply(HttpRequest.newBuilder(at(alice, "/training/steps/abc"))
                .DELETE())));
        list.add(postJson(family, alice, "/training/evaluations", IRIS_STEP, Map.of("Authorization", authorization)));
        list.add(postJson(family, alice, "/training/plans", IRIS_PLAN, Map.of("Authorization", authorization)));
        list.add(request(family, alice, "DELETE /training/plans/{id}", as.apply(HttpRequest.newBuilder(at(alice, "/training/plans/"
                + planId)).DELETE())));
        list.add(request(family, alice, "GET /identity", as.apply(HttpRequest.newBuilder(at(alice, "/identity")).GET())));
        list.add(request(family, alice, "GET /datasets", as.apply(HttpRequest.newBuilder(at(alice, "/datasets")).GET())));
        list.add(postJson(family, alice, "/search", "{\"query\": [\"#iris\"]}", Map.of("Authorization", authorization)));
        return list;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the claims, changed, signed HS256 with the node's own key: a token that only its claims can make invalid */
    private static String forge(JWTClaimsSet claims, Consumer<JWTClaimsSet.Builder> change) {
        return forge(claims, change, tokenKey);
    }

    private static String forge(JWTClaimsSet claims, Consumer<JWTClaimsSet.Builder> change, byte[] key) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(claims);
        change.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), builder.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * A token with any header, its signature an HMAC under {@code key} by the JDK: Nimbus (rightly) refuses to sign
     * HS384/HS512 with a 256-bit key or to put an HMAC under an RS256 header, which is what an attacker would try.
     */
    private static String hmac(JWSHeader header, JWTClaimsSet claims, String algorithm, byte[] key) {
        String input = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed RS256 with the attacker's own RSA key, whose public half rides in the header ({@code jwk}). */
    private static String withEmbeddedKey(JWTClaimsSet claims) {
        try {
            RSAKey attacker = new RSAKeyGenerator(2048).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .jwk(attacker.toPublicJWK()).build(), claims);
            jwt.sign(new RSASSASigner(attacker));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the token with its payload changed after signing */
    private static String tamper(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(from, to);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
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

    private static HttpRequest.Builder asUser(HttpRequest.Builder builder, String token) {
        return builder.header("Authorization", "Bearer " + token);
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

    /** @return every dataset's id, as the owner sees them */
    private static List<String> datasetIds(URI node) {
        return Http.okObject(Http.send(withAuth(HttpRequest.newBuilder(at(node, "/datasets"))))).getJsonArray("datasets").stream()
                .map(d -> d.asJsonObject().getString("id")).toList();
    }

    /** @return every user as "name role" */
    private static List<String> users(URI node) {
        try (NodeClient owner = new NodeClient(node, TOKEN)) {
            return owner.users().stream().map(u -> u.name() + " " + u.role()).toList();
        }
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
                    : o.attack().raw() == null && refusedByTheContainer(o) ? "400 (Payara's HTTP layer)"
                    : answeredEmptyByAFailedNormaliser(o) ? "empty 200 (Payara's failed path normaliser)" : Integer.toString(o.status());
            byFamily.computeIfAbsent(o.attack().family(), f -> new TreeMap<>()).merge(status, 1, Integer::sum);
            byStatus.merge(status, 1, Integer::sum);
        }
        StringBuilder md = new StringBuilder("| family | requests | outcomes |\n|---|---|---|\n");
        byFamily.forEach((family, statuses) -> md.append("| ").append(family).append(" | ")
                .append(statuses.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
                .append(describe(statuses)).append(" |\n"));
        md.append("| **all** | **").append(outcomes.size()).append("** | ").append(describe(byStatus)).append(" |\n");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        outcomes.stream().filter(o -> o.accepted() && o.attack().success() != null)
                .forEach(o -> reasons.merge(o.attack().family() + " | " + o.attack().success(), 1, Integer::sum));
        md.append("\nSuccesses, each declared by its case (").append(reasons.values().stream().mapToInt(Integer::intValue).sum())
                .append("):\n\n| family | why it may succeed | requests |\n|---|---|---|\n");
        reasons.forEach((reason, count) -> md.append("| ").append(reason).append(" | ").append(count).append(" |\n"));
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
                // The datasets only: the nodes make their own secret, token key and users.
                for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")
                        && !f.getFileName().toString().equals("users.json")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
        }
    }
}
