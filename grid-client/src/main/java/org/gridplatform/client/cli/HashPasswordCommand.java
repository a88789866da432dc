package org.gridplatform.client.cli;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code grid hash-password}: the hash to put in {@code grid.node.owner-password-hash}, so that the
 * owner's password stays out of the node's configuration. The same PBKDF2 and settings as the node's.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Read a password (typed, or the first line of standard input) and print its hash for grid.node.owner-password-hash.")
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "210000", description = "PBKDF2-HMAC-SHA512 iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 12 || password.length > 1024) {
            throw new IllegalArgumentException("A node password has 12 to 1024 characters");
        }
        Pbkdf2PasswordHash hash = new Pbkdf2PasswordHashImpl();
        hash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32", "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        spec.commandLine().getOut().println(hash.generate(password));
        spec.commandLine().getOut().flush();
        Arrays.fill(password, '\0');
        return 0;
    }
}
