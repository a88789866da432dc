package org.gridplatform.client.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridplatform.client.SelfSigned;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyTest {

    @TempDir
    static Path dir;

    private static SelfSigned server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        server = SelfSigned.make(dir, "grid", SelfSigned.LOOPBACK_NAMES);
    }

    @Test
    void theOnlyKeyIsServedWithoutNamingIt() {
        ServerKey key = ServerKey.load(server.keyStore(), server.passwordChars(), null);
        assertThat(key.alias()).isEqualTo("grid");
        assertThat(key.file()).isEqualTo(server.keyStore().toAbsolutePath());
        assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(key.password()).isEqualTo(server.passwordChars());
    }

    @Test
    void aWrongPasswordIsSaidSo() {
        assertThatThrownBy(() -> ServerKey.load(server.keyStore(), "wrong".toCharArray(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The key store " + server.keyStore().toAbsolutePath() + " cannot be read: its password is wrong");
    }

    @Test
    void aMissingPasswordSaysWhereToPutIt() {
        assertThatThrownBy(() -> ServerKey.load(server.keyStore(), null, null))
                .hasMessage("The key store " + server.keyStore().toAbsolutePath()
                        + " needs its password (GRID_KEY_STORE_PASSWORD or --key-store-password-file)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> ServerKey.load(missing, server.passwordChars(), null))
                .hasMessage("The key store " + missing + " is not a file: name the PKCS12 file with the server's key and certificate");
    }

    @Test
    void aFileThatIsNoKeyStoreIsSaidSo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a key store");
        assertThatThrownBy(() -> ServerKey.load(text, server.passwordChars(), null))
                .hasMessageStartingWith("The key store " + text + " is not a PKCS12 key store (");
    }

    @Test
    void aJksKeyStoreIsToBeConverted() throws Exception {
        Path jks = dir.resolve("server.jks");
        server.keytool(List.of("-importkeystore", "-srckeystore", server.keyStore().toString(), "-srcstoretype", "PKCS12",
                "-srcstorepass:env", "STORE_PASSWORD", "-destkeystore", jks.toString(), "-deststoretype", "JKS",
                "-deststorepass:env", "STORE_PASSWORD"));
        assertThatThrownBy(() -> ServerKey.load(jks, server.passwordChars(), null))
                .hasMessage("The key store " + jks + " is a JKS key store; Payara Micro needs PKCS12: convert it with keytool "
                        + "-importkeystore -srckeystore server.jks -destkeystore server.p12 -deststoretype PKCS12");
    }

    @Test
    void severalKeysNeedAnAlias() throws Exception {
        SelfSigned two = SelfSigned.make(Files.createDirectories(dir.resolve("two")), "first", SelfSigned.LOOPBACK_NAMES);
        two.addKey("second");
        assertThatThrownBy(() -> ServerKey.load(two.keyStore(), two.passwordChars(), null))
                .hasMessage("The key store " + two.keyStore() + " holds several keys (first, second): choose one with --key-alias");
        assertThat(ServerKey.load(two.keyStore(), two.passwordChars(), "second").alias()).isEqualTo("second");
        assertThatThrownBy(() -> ServerKey.load(two.keyStore(), two.passwordChars(), "third"))
                .hasMessageStartingWith("The key store " + two.keyStore() + " has no key 'third'; its keys: ");
    }

    @Test
    void aTrustStoreIsNoServerKey() {
        assertThatThrownBy(() -> ServerKey.load(server.trustStore(), server.trustPassword().toCharArray(), null))
                .hasMessageStartingWith("The key store " + server.trustStore() + " holds no private key with a certificate");
    }

    @Test
    void theCertificateMustNameTheLoopbackAddress() throws Exception {
        SelfSigned elsewhere = SelfSigned.make(Files.createDirectories(dir.resolve("elsewhere")), "public", "DNS:grid.example.org");
        assertThatThrownBy(() -> ServerKey.load(elsewhere.keyStore(), elsewhere.passwordChars(), null))
                .hasMessage("The key store " + elsewhere.keyStore() + ": the certificate of 'public' does not name 127.0.0.1, where "
                        + "the server listens and where clients check it (it names DNS:grid.example.org): make it with keytool "
                        + "-genkeypair ... -ext SAN=IP:127.0.0.1,DNS:localhost");
    }

    @Test
    void theReadinessProbeTrustsTheServersOwnCertificate() throws Exception {
        // Not the JVM's default: a context of its own, whose trust anchors are exactly the server's chain.
        var context = ServerKey.load(server.keyStore(), server.passwordChars(), null).trustingItself();
        assertThat(context).isNotSameAs(javax.net.ssl.SSLContext.getDefault());
        assertThat(context.getProtocol()).isEqualTo("TLS");
    }
}
