package org.gridplatform.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridplatform.client.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS options of the command line refuse what does not fit together, before any server starts. */
class TlsOptionsTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        CommandLine cli = GridCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as("exit code of grid %s", String.join(" ", args)).isEqualTo(1);
        return err.toString().strip();
    }

    @Test
    void httpCannotBeTurnedOffWithoutHttps() {
        assertThat(run("gateway", "--no-http"))
                .isEqualTo("grid: --no-http needs --key-store: a server without HTTP and HTTPS serves nothing");
    }

    @Test
    void anHttpsPortNeedsAKeyStore() {
        assertThat(run("node", "--id", "Bob", "--data", dir.toString(), "--https-port", "8443"))
                .isEqualTo("grid: --https-port needs --key-store: the PKCS12 file with the server's key and certificate");
    }

    @Test
    void aKeyStoreNeedsAnHttpsPort() throws Exception {
        SelfSigned server = SelfSigned.make(dir, "grid", SelfSigned.LOOPBACK_NAMES);
        assertThat(run("gateway", "--key-store", server.keyStore().toString()))
                .isEqualTo("grid: --key-store needs --https-port: the port that serves HTTPS, such as 8443");
    }

    @Test
    void theKeyStorePasswordComesFromAFileOrTheEnvironment() throws Exception {
        SelfSigned server = SelfSigned.make(dir, "grid", SelfSigned.LOOPBACK_NAMES);
        // The build's environment has no GRID_KEY_STORE_PASSWORD (nothing else sets it).
        if (System.getenv(ServerTlsOptions.KEY_STORE_PASSWORD_ENV) == null) {
            assertThat(run("gateway", "--key-store", server.keyStore().toString(), "--https-port", "8443"))
                    .isEqualTo("grid: --key-store " + server.keyStore() + " needs its password: set GRID_KEY_STORE_PASSWORD "
                            + "or pass --key-store-password-file FILE");
        }
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-it\n");
        assertThat(run("gateway", "--key-store", server.keyStore().toString(), "--https-port", "8443",
                "--key-store-password-file", wrong.toString()))
                .isEqualTo("grid: The key store " + server.keyStore() + " cannot be read: its password is wrong");
    }

    @Test
    void aClientsTrustStoreIsCheckedBeforeAnyCall() {
        Path missing = dir.resolve("missing.p12");
        assertThat(run("search", "#iris", "--gateway", "https://127.0.0.1:1", "--trust-store", missing.toString()))
                .startsWith("grid: The trust store " + missing + " is not a file");
    }
}
