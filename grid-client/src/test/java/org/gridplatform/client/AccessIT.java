package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridplatform.api.auth.TokenGrant;
import org.gridplatform.api.auth.UserAnswer;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the node's access table in docs/security.md against a running node: the table lists every operation of
 * the node's OpenAPI document, and every row answers anonymous callers, a scientist and an owner as it says.
 * Also the sign-in flow: wrong passwords, revocation by a new password or by deletion, and a token of another node.
 */
class AccessIT {

    private static final String OWNER_PASSWORD = "it-owner-" + Long.toHexString(System.nanoTime());
    private static final Path TABLE_FILE = Path.of("..", "docs", "security.md");

    @TempDir
    static Path tmp;

    private static LocalGrid grid;
    private static URI node;
    private static URI other;
    private static String owner;
    private static String scientist;
    private static String scientistPassword;

    /** One row of the table. */
    record Row(String method, String path, String anonymous, String scientist, String owner) {
    }

    @BeforeAll
    static void boot() throws IOException, InterruptedException {
        grid = new LocalGrid(Distribution.locate(), Path.of("target", "it-logs", "AccessIT").toAbsolutePath(), ServerProcess.QUICK_START);
        int alice = ServerProcess.freePort();
        int bob = ServerProcess.freePort();
        grid.start(ServerProcess.freePort(), Map.of(), List.of(
                new LocalGrid.NodeSpec("alice", alice, Files.createDirectories(tmp.resolve("alice")),
                        Map.of("grid.node.owner-password", OWNER_PASSWORD, "grid.rate-limit.token", "600")),
                new LocalGrid.NodeSpec("bob", bob, Files.createDirectories(tmp.resolve("bob")),
                        Map.of("grid.node.owner-password", OWNER_PASSWORD, "grid.rate-limit.token", "600"))), Duration.ofMinutes(3));
        node = URI.create("http://127.0.0.1:" + alice);
        other = URI.create("http://127.0.0.1:" + bob);
        owner = NodeClient.signIn(node, "owner", OWNER_PASSWORD).token();
        try (NodeClient client = new NodeClient(node, owner)) {
            UserAnswer sci = client.addUser("sci", "scientist", null);
            scientistPassword = sci.password();
            scientist = NodeClient.signIn(node, "sci", scientistPassword).token();
        }
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    static List<Row> table() throws IOException {
        String doc = Files.readString(TABLE_FILE, StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("<!-- access-table:start -->"), doc.indexOf("<!-- access-table:end -->"));
        List<Row> rows = new ArrayList<>();
        for (String line : table.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length >= 6 && cells[1].strip().matches("GET|POST|PUT|DELETE")) {
                rows.add(new Row(cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip(), cells[5].strip()));
            }
        }
        return rows;
    }

    @Test
    void theTableListsEveryOperationOfTheNodesOpenApiDocument() throws IOException {
        JsonObject paths = Http.okObject(Http.send(HttpRequest.newBuilder(node.resolve("/openapi?format=JSON"))
                .header("Accept", "application/json"))).getJsonObject("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
        Set<String> listed = new TreeSet<>();
        table().forEach(r -> listed.add(r.method() + " " + r.path()));
        assertThat(operations).isNotEmpty();
        assertThat(listed).as("docs/security.md's access table").containsAll(operations);
    }

    @Test
    void everyRowAnswersAnonymousCallersScientistsAndOwnersAsTheTableSays() throws IOException {
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThan(15);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            if (row.anonymous().equals("basic")) {
                signIn(row, wrong);
                continue;
            }
            check(row, "anonymous", row.anonymous(), null, wrong);
            check(row, "scientist", row.scientist(), scientist, wrong);
            check(row, "owner", row.owner(), owner, wrong);
        }
        assertThat(wrong).as("rows that the node does not answer as the table says").isEmpty();
    }

    /** A "basic" row: every user signs in with their password; without one, the answer asks for it. */
    private static void signIn(Row row, List<String> wrong) {
        for (var user : Map.of("owner", OWNER_PASSWORD, "sci", scientistPassword).entrySet()) {
            String basic = java.util.Base64.getEncoder().encodeToString((user.getKey() + ":" + user.getValue())
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(node.resolve(row.path()))
                    .header("Authorization", "Basic " + basic).method(row.method(), HttpRequest.BodyPublishers.noBody()));
            if (response.statusCode() != 200) {
                wrong.add(row.method() + " " + row.path() + " as " + user.getKey() + " with a password: " + response.statusCode());
            }
        }
        HttpResponse<String> none = Http.send(HttpRequest.newBuilder(node.resolve(row.path()))
                .method(row.method(), HttpRequest.BodyPublishers.noBody()));
        if (none.statusCode() != 401 || none.headers().firstValue("WWW-Authenticate").filter(h -> h.startsWith("Basic")).isEmpty()) {
            wrong.add(row.method() + " " + row.path() + " without a password: expected 401 asking for Basic, got " + none.statusCode());
        }
    }

    private static void check(Row row, String who, String expected, String token, List<String> wrong) {
        // Path parameters name nothing that exists, so that no call changes anything: an allowed call answers 4xx of
        // another kind (400, 404, 415) or 2xx for reads.
        String path = row.path().replace("{id}", "no-such-id").replace("{name}", "no-such-user");
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30));
        switch (row.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> {
                boolean multipart = row.path().equals("/datasets");
                request.header("Content-Type", multipart ? "multipart/form-data; boundary=x" : "application/json")
                        .method(row.method(), HttpRequest.BodyPublishers.ofString(multipart ? "--x--\r\n" : "{}"));
            }
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Http.send(request);
        int status = response.statusCode();
        boolean allowed = expected.equals("yes");
        boolean refused = status == 401 || status == 403;
        int refusal = token == null ? 401 : 403;
        if (allowed ? refused : status != refusal) {
            wrong.add(row.method() + " " + row.path() + " as " + who + ": expected " + (allowed ? "not 401/403" : refusal)
                    + " (" + expected + "), got " + status + " " + response.body());
        }
        if (refused) {
            assertThat(Http.contentType(response)).as(row + " " + who).isEqualTo("application/problem+json");
        }
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(row + " " + who).isPresent();
        }
    }

    @Test
    void signingInNeedsTheRightPasswordAndTokensDieWithTheirUsersPassword() {
        assertThatThrownBy(() -> NodeClient.signIn(node, "owner", "not-the-password"))
                .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("The user name or the password is wrong");
        assertThatThrownBy(() -> NodeClient.signIn(node, "nobody", OWNER_PASSWORD))
                .hasMessageContaining("The user name or the password is wrong");
        HttpResponse<String> noBasic = Http.send(HttpRequest.newBuilder(node.resolve("/auth/token"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noBasic.statusCode()).isEqualTo(401);
        assertThat(noBasic.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"grid-node\", charset=\"UTF-8\"");

        try (NodeClient admin = new NodeClient(node, owner)) {
            UserAnswer dora = admin.addUser("dora", "scientist", "dora's first password");
            assertThat(dora.password()).as("a chosen password is never echoed").isNull();
            TokenGrant first = NodeClient.signIn(node, "dora", "dora's first password");
            assertThat(first.role()).isEqualTo("scientist");
            try (NodeClient asDora = new NodeClient(node, first.token())) {
                assertThat(asDora.me().user()).isEqualTo("dora");
                assertThat(asDora.setPassword("dora", "dora's second password").password()).isNull();
                assertThatThrownBy(asDora::me).as("her new password revoked the old token")
                        .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isEqualTo(401));
            }
            try (NodeClient asDora = new NodeClient(node, NodeCredentials.password("dora", "dora's second password"))) {
                assertThat(asDora.me().role()).isEqualTo("scientist");
                assertThatThrownBy(() -> asDora.setPassword("owner", "take over the owner")).as("not her own")
                        .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isEqualTo(403));
                admin.deleteUser("dora");
                assertThatThrownBy(asDora::me).as("deleted users' tokens die at once, and sign-in fails")
                        .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isEqualTo(401));
            }
            assertThatThrownBy(() -> admin.deleteUser("owner")).as("the only owner")
                    .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThat(admin.users()).extracting(UserAnswer::name).containsExactlyInAnyOrder("owner", "sci");
            assertThat(admin.users()).allSatisfy(u -> assertThat(u.password()).isNull());
        }
    }

    @Test
    void aTokenOfOneNodeIsWorthlessAtAnotherAndATamperedOneEverywhere() {
        try (NodeClient atBob = new NodeClient(other, owner)) {
            assertThatThrownBy(atBob::me).isInstanceOfSatisfying(GridClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).contains("made by another node");
            });
        }
        String[] parts = scientist.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"scientist\"", "\"owner\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(node.resolve("/users")).header("Authorization", "Bearer " + forged));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("nimbus");
        // A bad token is refused even where anyone may call: the client learns at once that it is wrong.
        assertThat(Http.send(HttpRequest.newBuilder(node.resolve("/identity")).header("Authorization", "Bearer " + forged))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void theUsersFileKeepsOnlyHashesReadableByTheNodeAlone() throws IOException {
        Path users = tmp.resolve("alice").resolve("users.json");
        String content = Files.readString(users, StandardCharsets.UTF_8);
        assertThat(content).contains("PBKDF2WithHmacSHA512:210000:").doesNotContain(OWNER_PASSWORD);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        Matcher hash = Pattern.compile("\"password-hash\"\\s*:\\s*\"([^\"]+)\"").matcher(content);
        assertThat(hash.find()).isTrue();
    }
}
