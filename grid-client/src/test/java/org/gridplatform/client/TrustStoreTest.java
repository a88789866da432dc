package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    @TempDir
    static Path dir;

    private static SelfSigned server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        server = SelfSigned.make(dir, "grid", SelfSigned.LOOPBACK_NAMES);
    }

    @Test
    void aTrustStoreIsReadWithItsPassword() {
        TrustStore checked = TrustStore.load(server.trustStore(), server.trustPassword().toCharArray());
        assertThat(checked.file()).isEqualTo(server.trustStore().toAbsolutePath());
        assertThat(checked.password()).isEqualTo(server.trustPassword().toCharArray());
        assertThat(checked.sslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void withoutItsPasswordKeytoolsEncryptedCertificatesCannotBeSeen() {
        assertThatThrownBy(() -> TrustStore.load(server.trustStore(), null))
                .hasMessage("The trust store " + server.trustStore() + " shows no certificate without its password: give the password");
    }

    @Test
    void aWrongPasswordIsSaidSo() {
        assertThatThrownBy(() -> TrustStore.load(server.trustStore(), "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The trust store " + server.trustStore() + " cannot be read: its password is wrong");
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> TrustStore.load(missing, null))
                .hasMessage("The trust store " + missing + " is not a file: name a PKCS12 file of trusted certificates "
                        + "(keytool -importcert -file server.pem -keystore trust.p12 -storetype PKCS12)");
    }

    @Test
    void aPemFileIsNotATrustStore() {
        assertThatThrownBy(() -> TrustStore.load(server.certificate(), null))
                .hasMessageStartingWith("The trust store " + server.certificate() + " is not a PKCS12 key store (");
    }

    @Test
    void anEmptyTrustStoreIsRefused() throws Exception {
        Path empty = dir.resolve("empty.p12");
        // keytool cannot make an empty store: import a certificate, then delete it.
        server.keytool(List.of("-importcert", "-noprompt", "-alias", "x", "-file", server.certificate().toString(),
                "-storetype", "PKCS12", "-keystore", empty.toString(), "-storepass:env", "TRUST_PASSWORD"));
        server.keytool(List.of("-delete", "-alias", "x", "-keystore", empty.toString(), "-storepass:env", "TRUST_PASSWORD"));
        assertThat(Files.exists(empty)).isTrue();
        assertThatThrownBy(() -> TrustStore.load(empty, server.trustPassword().toCharArray()))
                .hasMessage("The trust store " + empty + " holds no certificate: import the servers' certificates "
                        + "(or their authority's) with keytool -importcert");
    }
}
