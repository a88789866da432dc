package org.gridplatform.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.gridplatform.client.TrustStore;
import picocli.CommandLine.Option;

/**
 * {@code --trust-store}: the certificates that {@code https} gateways and nodes are checked against, for a grid
 * with self-signed certificates or a private authority's. Without it, the JVM's default trust store. The
 * password comes from a file or the environment, never from the command line, where {@code ps} shows it.
 */
final class TrustOptions {

    @Option(names = "--trust-store", paramLabel = "FILE", defaultValue = "${env:GRID_TRUST_STORE}",
            description = "A PKCS12 file of the certificates (or authorities) that https servers must have "
                    + "(default: $GRID_TRUST_STORE; without it, the JVM's default trust store).")
    Path trustStore;

    @Option(names = "--trust-store-password-file", paramLabel = "FILE",
            description = "A file whose first line is the trust store's password (default: $GRID_TRUST_STORE_PASSWORD; "
                    + "without either, the store is read without checking its integrity).")
    Path passwordFile;

    /**
     * @return the trust store, or {@code null} if none was given
     * @throws IllegalArgumentException saying what to fix
     */
    TrustStore load() {
        if (trustStore == null) {
            if (passwordFile != null) {
                throw new IllegalArgumentException("--trust-store-password-file needs --trust-store (or GRID_TRUST_STORE)");
            }
            return null;
        }
        String password = passwordFile != null ? readPassword(passwordFile, "--trust-store-password-file")
                : Optional.ofNullable(System.getenv(TrustStore.PASSWORD_ENV)).filter(p -> !p.isEmpty()).orElse(null);
        return TrustStore.load(trustStore, password == null ? null : password.toCharArray());
    }

    /** @return the TLS context of the clients, or {@code null} for the JVM's default */
    SSLContext sslContext() {
        TrustStore store = load();
        return store == null ? null : store.sslContext();
    }

    /**
     * @param file   a password file
     * @param option the option that named it, for messages
     * @return its first line
     */
    static String readPassword(Path file, String option) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.getFirst().isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " is empty: write the password on its first line");
        }
        return lines.getFirst();
    }
}
