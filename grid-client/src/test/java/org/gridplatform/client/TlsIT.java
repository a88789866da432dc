package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.DatasetInfo;
import org.gridplatform.api.NodeEntry;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerKey;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.client.launch.ServerTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS only: a gateway and a node (alice's example data) on Payara Micro, serving a self-signed certificate
 * made for this run with plain HTTP off, and trusting it through {@code grid.tls.trust-store}. The node joins
 * the gateway over HTTPS, the gateway searches and sweeps it over HTTPS, and clients get in with the trust
 * store and are told why without it. An impostor with another self-signed certificate is refused by the gateway.
 */
class TlsIT {

    @TempDir
    static Path tmp;

    private static SelfSigned certificate;
    private static TrustStore trust;
    private static LocalGrid grid;
    private static int gatewayHttpPort;
    private static int nodeHttpPort;
    private static URI gateway;
    private static URI alice;

    @BeforeAll
    static void boot() throws Exception {
        certificate = SelfSigned.make(tmp, "grid", SelfSigned.LOOPBACK_NAMES);
        trust = TrustStore.load(certificate.trustStore(), certificate.trustPassword().toCharArray());
        Path data = Files.createDirectories(tmp.resolve("alice"));
        try (Stream<Path> files = Files.list(ExampleGrid.examples().resolve("alice"))) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve(file.getFileName()));
            }
        }
        ServerTls tls = new ServerTls(ServerKey.load(certificate.keyStore(), certificate.passwordChars(), null), false, trust);
        grid = new LocalGrid(Distribution.locate(), Path.of("target", "it-logs", "TlsIT").toAbsolutePath(), ServerProcess.QUICK_START)
                .tls(tls);
        List<Integer> ports = distinctFreePorts(4);
        gatewayHttpPort = ports.get(0);
        nodeHttpPort = ports.get(2);
        gateway = URI.create("https://127.0.0.1:" + ports.get(1));
        alice = URI.create("https://127.0.0.1:" + ports.get(3));
        try {
            grid.start(gatewayHttpPort, ports.get(1), Map.of("grid.health.interval", "2s"),
                    List.of(new LocalGrid.NodeSpec("alice", nodeHttpPort, ports.get(3), data, Map.of())), Duration.ofMinutes(4));
            try (GatewayClient client = trustingClient()) {
                await("alice joined the gateway over HTTPS").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> client.nodes().size() == 1);
            }
        } catch (Exception | AssertionError e) {
            grid.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < count) {
            ports.add(ServerProcess.freePort());
        }
        return new ArrayList<>(ports);
    }

    private static GatewayClient trustingClient() {
        return new GatewayClient(gateway, Duration.ofSeconds(10), trust.sslContext());
    }

    @Test
    void theServersListenOnHttpsOnly() {
        assertThat(grid.gateway().url()).isEqualTo(gateway);
        assertThat(grid.nodes().getFirst().url()).isEqualTo(alice);
        for (int port : List.of(gatewayHttpPort, nodeHttpPort)) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("plain HTTP port %d", port).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void theNodeJoinedWithItsHttpsAddressAndASearchOverHttpsFindsIt() {
        try (GatewayClient client = trustingClient()) {
            List<NodeEntry> nodes = client.nodes();
            assertThat(nodes).extracting(NodeEntry::nodeId, NodeEntry::nodeAddress).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("alice", alice.toString()));
            SearchResponse found = client.search(List.of("#iris"));
            assertThat(found.nodeAddresses()).containsExactly(List.of("alice", alice.toString()));
            assertThat(found.unanswered()).isEmpty();
        }
    }

    @Test
    void theGatewaysHealthSweepReachesTheNodeOverHttps() throws Exception {
        JsonObject health = freshHealthCheck();
        JsonObject node = check(health, "node:alice");
        assertThat(node.getString("status")).isEqualTo("UP");
        assertThat(node.getJsonObject("data").getString("address")).isEqualTo(alice.toString());
    }

    @Test
    void aClientWithTheTrustStoreReadsTheNode() {
        try (NodeClient client = new NodeClient(alice, (NodeCredentials) null, trust.sslContext())) {
            assertThat(client.nodeId()).isEqualTo("alice");
            assertThat(client.datasets()).extracting(DatasetInfo::id).contains("iris");
        }
    }

    @Test
    void aClientWithoutTheTrustStoreIsToldWhyAndWhatToDo() {
        String advice = "is not trusted: it is self-signed or issued by an authority that this client does not trust; "
                + "give the client a trust store that holds the certificate or its authority "
                + "(grid command line: --trust-store FILE or GRID_TRUST_STORE; Java: TrustStore.load(...).sslContext())";
        try (GatewayClient client = new GatewayClient(gateway, Duration.ofSeconds(10), null)) {
            assertThatThrownBy(client::nodes)
                    .isInstanceOfSatisfying(GridClientException.class, e -> assertThat(e.status()).isZero())
                    .hasMessage("GET " + gateway + "/nodes failed: the certificate of " + gateway.getAuthority() + " " + advice);
        }
        try (NodeClient client = new NodeClient(alice)) {
            assertThatThrownBy(client::datasets)
                    .hasMessage("GET " + alice + "/datasets failed: the certificate of " + alice.getAuthority() + " " + advice);
        }
    }

    @Test
    void aClientOfAnotherCertificatesTrustStoreIsRefused() throws Exception {
        SelfSigned other = SelfSigned.make(Files.createDirectories(tmp.resolve("other")), "other", SelfSigned.LOOPBACK_NAMES);
        TrustStore wrong = TrustStore.load(other.trustStore(), other.trustPassword().toCharArray());
        try (GatewayClient client = new GatewayClient(gateway, Duration.ofSeconds(10), wrong.sslContext())) {
            assertThatThrownBy(() -> client.search(List.of("#iris")))
                    .hasMessageStartingWith("POST " + gateway + "/search failed: the certificate of " + gateway.getAuthority()
                            + " is not trusted");
        }
    }

    @Test
    void plainHttpToTheHttpsPortGetsAHint() {
        URI plain = URI.create("http://" + gateway.getAuthority());
        try (GatewayClient client = new GatewayClient(plain, Duration.ofSeconds(10), trust.sslContext())) {
            assertThatThrownBy(client::nodes).isInstanceOf(GridClientException.class)
                    .hasMessageEndingWith("(if " + gateway.getAuthority() + " serves HTTPS, use https://)");
        }
    }

    @Test
    void theGatewayRefusesANodeWhoseCertificateItDoesNotTrust() throws Exception {
        SelfSigned impostorCertificate = SelfSigned.make(Files.createDirectories(tmp.resolve("impostor")), "impostor",
                SelfSigned.LOOPBACK_NAMES);
        HttpsServer impostor = serve(impostorCertificate);
        String address = "https://127.0.0.1:" + impostor.getAddress().getPort();
        try (GatewayClient client = trustingClient()) {
            client.join("impostor", address);
            SearchResponse found = client.search(List.of("#iris"));
            assertThat(found.nodeAddresses()).containsExactly(List.of("alice", alice.toString()));
            assertThat(found.unanswered()).containsExactly("impostor");

            // The next sweep pings it (a fresh one runs at most once a second, and the scheduled one every 2 s).
            await("a health sweep pinged the impostor").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> check(freshHealthCheck(), "node:impostor").getString("status").equals("DOWN"));
            JsonObject check = check(freshHealthCheck(), "node:impostor");
            assertThat(check.getJsonObject("data").getString("reason"))
                    .isEqualTo("TLS: the certificate is not trusted; add it (or its authority) to grid.tls.trust-store");
        } finally {
            try (GatewayClient client = trustingClient()) {
                client.leave("impostor");
            }
            impostor.stop(0);
        }
    }

    /** A JDK HTTPS server with another self-signed certificate, claiming to hold iris data and to be alive. */
    private static HttpsServer serve(SelfSigned certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance(certificate.keyStore().toFile(), certificate.passwordChars());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, certificate.passwordChars());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/search") ? "{\"match\": true}" : "{\"status\": \"UP\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static JsonObject freshHealthCheck() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trust.sslContext()).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/health-check?fresh=true"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.createReader(new StringReader(response.body())).readObject();
        }
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
