package org.gridplatform.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridplatform.client.CredentialsFile;
import org.gridplatform.client.NodeCredentials;
import picocli.CommandLine.Option;

/**
 * How the {@code grid} commands sign in to nodes: per node from {@code --node-token} or the credentials
 * file ({@code --credentials}, {@code $GRID_CREDENTIALS}, {@code ~/.grid/credentials.json}), else for
 * every node from {@code --token} ({@code $GRID_TOKEN}) or {@code --user} ({@code $GRID_USER}) with the
 * password of {@code $GRID_PASSWORD} or {@code --password-file}. No option takes a password itself:
 * {@code ps} would show it.
 */
final class CredentialOptions {

    @Option(names = "--user", defaultValue = "${env:GRID_USER}",
            description = "Sign in to the nodes as this user (default: $GRID_USER), with the password of $GRID_PASSWORD or --password-file.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "A file whose first line is --user's password (instead of $GRID_PASSWORD).")
    Path passwordFile;

    @Option(names = "--token", defaultValue = "${env:GRID_TOKEN}",
            description = "A token for the nodes, from POST /auth/token (default: $GRID_TOKEN).")
    String token;

    @Option(names = "--node-token", paramLabel = "NODE=TOKEN", description = "A token for one node (by id), before any other credentials.")
    Map<String, String> nodeTokens = new LinkedHashMap<>();

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = "${env:GRID_CREDENTIALS}",
            description = "Per-node credentials (JSON, chmod 600; default: $GRID_CREDENTIALS, else ~/.grid/credentials.json if it exists).")
    Path credentialsFile;

    /** @return the credentials for nodes without their own, if any were given */
    NodeCredentials defaults() {
        if (token != null && !token.isBlank()) {
            return NodeCredentials.token(token.strip());
        }
        if (user != null && !user.isBlank()) {
            return NodeCredentials.password(user.strip(), password());
        }
        return null;
    }

    /** @return the per-node file, if one was named or is in the usual place */
    Optional<CredentialsFile> file() {
        return credentialsFile != null ? Optional.of(CredentialsFile.read(credentialsFile)) : CredentialsFile.fromEnvironment();
    }

    /** @return whether any credentials were given at all */
    boolean any() {
        return defaults() != null || !nodeTokens.isEmpty() || file().isPresent();
    }

    /**
     * @param nodeId the node's id, or {@code null} when unknown
     * @param uri    the node's base URL
     * @return its credentials, or {@code null} to call anonymously
     */
    NodeCredentials forNode(String nodeId, URI uri) {
        if (nodeId != null && nodeTokens.containsKey(nodeId)) {
            return NodeCredentials.token(nodeTokens.get(nodeId));
        }
        return file().flatMap(f -> f.forNode(nodeId, uri)).orElseGet(this::defaults);
    }

    private String password() {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("--password-file " + passwordFile + ": " + e.getMessage());
            }
        }
        String password = System.getenv("GRID_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--user " + user + " needs a password: set GRID_PASSWORD or pass --password-file");
        }
        return password;
    }
}
