package org.gridplatform.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.server.security.AddressPolicy;
import org.gridplatform.server.security.OutgoingTls;
import org.gridplatform.server.security.TestCertificates;
import org.gridplatform.spi.discovery.NodeTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport's {@code https} calls check the node's certificate and host name, trusting exactly
 * {@code grid.tls.trust-store}: against a JDK HTTPS server standing for a node.
 */
class HttpNodeTransportTlsTest {

    @TempDir
    Path dir;

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private NodeAddress serve(TestCertificates certificates) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(certificates.keyStore().toFile())) {
            keys.load(in, certificates.password().toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, certificates.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/health/live", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return NodeAddress.parse("https://127.0.0.1:" + server.getAddress().getPort(), "node-address");
    }

    private static NodeTransport.Reply ping(NodeAddress node, Map<String, String> config) throws Exception {
        try (HttpNodeTransport transport = new HttpNodeTransport(AddressPolicy.DEFAULT, OutgoingTls.read(config::get))) {
            return transport.get(node, "/health/live", Duration.ofSeconds(10)).get();
        }
    }

    private static Map<String, String> trusting(TestCertificates certificates) {
        return Map.of(OutgoingTls.TRUST_STORE_KEY, certificates.trustStore().toString(),
                OutgoingTls.TRUST_STORE_PASSWORD_KEY, certificates.password());
    }

    @Test
    void aNodeWhoseCertificateIsInTheTrustStoreAnswers() throws Exception {
        TestCertificates node = TestCertificates.make(dir, "node", "IP:127.0.0.1,DNS:localhost");
        NodeTransport.Reply reply = ping(serve(node), trusting(node));
        assertThat(reply.error()).isNull();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aSelfSignedNodeIsRefusedByTheDefaultTrustStore() throws Exception {
        TestCertificates node = TestCertificates.make(dir, "node", "IP:127.0.0.1,DNS:localhost");
        NodeTransport.Reply reply = ping(serve(node), Map.of());
        assertThat(reply.status()).isZero();
        assertThat(reply.error()).isEqualTo("TLS: the certificate is not trusted; add it (or its authority) to grid.tls.trust-store");
    }

    @Test
    void anotherCertificateThanTheTrustedOneIsRefused() throws Exception {
        TestCertificates impostor = TestCertificates.make(dir, "impostor", "IP:127.0.0.1,DNS:localhost");
        TestCertificates node = TestCertificates.make(dir, "node", "IP:127.0.0.1,DNS:localhost");
        NodeTransport.Reply reply = ping(serve(impostor), trusting(node));
        assertThat(reply.error()).isEqualTo("TLS: the certificate is not trusted; add it (or its authority) to grid.tls.trust-store");
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        TestCertificates elsewhere = TestCertificates.make(dir, "elsewhere", "DNS:grid.example.org");
        NodeTransport.Reply reply = ping(serve(elsewhere), trusting(elsewhere));
        assertThat(reply.error()).isEqualTo("TLS: the certificate does not name the host called (subjectAltName)");
    }
}
