package org.gridplatform.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Credentials per node, kept in a file only its owner may read (like SSH's keys), so that no password
 * or token goes on a command line where {@code ps} shows it:
 * <pre>{
 *   "nodes": {
 *     "alice": {"user": "bob", "password": "..."},
 *     "http://127.0.0.1:8082": {"token": "..."}
 *   },
 *   "default": {"user": "bob", "password": "..."}
 * }</pre>
 * A node is looked up by its id, then by its base URL, then the {@code default} entry applies, if any.
 * Each entry has either {@code token}, or {@code user} and {@code password}. The {@code grid} command
 * line reads {@code $GRID_CREDENTIALS}, else {@code ~/.grid/credentials.json} when it exists.
 */
public final class CredentialsFile {

    /** The variable that names the file. */
    public static final String VARIABLE = "GRID_CREDENTIALS";
    private static final long MAX_BYTES = 1024 * 1024;

    /** One entry as written in the file. */
    public record Entry(String user, String password, String token) {
    }

    /** The file's content. */
    public record Content(Map<String, Entry> nodes, @jakarta.json.bind.annotation.JsonbProperty("default") Entry fallback) {
    }

    private final Map<String, NodeCredentials> nodes;
    private final NodeCredentials fallback;

    private CredentialsFile(Map<String, NodeCredentials> nodes, NodeCredentials fallback) {
        this.nodes = nodes;
        this.fallback = fallback;
    }

    /**
     * @param file the file
     * @return its credentials
     * @throws IllegalArgumentException if it is missing, readable by others, too large or malformed, saying what to fix
     */
    public static CredentialsFile read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("The credentials file " + file + " does not exist");
            }
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new IllegalArgumentException("The credentials file " + file + " may be read by other users; make it "
                            + "yours alone: chmod 600 " + file);
                }
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user profile's permissions apply.
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("The credentials file " + file + " is over 1 MiB; is it the right file?");
            }
            Content content;
            try (Jsonb jsonb = JsonbBuilder.create()) {
                content = jsonb.fromJson(Files.readString(file, StandardCharsets.UTF_8), Content.class);
            } catch (JsonbException e) {
                throw new IllegalArgumentException("The credentials file " + file + " is not of the expected shape: {\"nodes\": "
                        + "{\"<node id or URL>\": {\"user\": ..., \"password\": ...} or {\"token\": ...}}, \"default\": {...}}");
            }
            if (content == null) {
                throw new IllegalArgumentException("The credentials file " + file + " is empty");
            }
            Map<String, NodeCredentials> nodes = new LinkedHashMap<>();
            if (content.nodes() != null) {
                content.nodes().forEach((node, entry) -> nodes.put(key(node), credentials(entry, file, "\"" + node + "\"")));
            }
            return new CredentialsFile(Map.copyOf(nodes),
                    content.fallback() == null ? null : credentials(content.fallback(), file, "\"default\""));
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the credentials file " + file + ": " + e.getMessage());
        } catch (Exception e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("Could not read the credentials file " + file + ": " + e.getMessage());
        }
    }

    /**
     * @return the file {@code $GRID_CREDENTIALS} names, else {@code ~/.grid/credentials.json} if it exists
     */
    public static Optional<CredentialsFile> fromEnvironment() {
        String named = System.getenv(VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(read(Path.of(named)));
        }
        Path usual = Path.of(System.getProperty("user.home"), ".grid", "credentials.json");
        return Files.isRegularFile(usual) ? Optional.of(read(usual)) : Optional.empty();
    }

    /**
     * @param nodeId the node's id
     * @param uri    the node's base URL
     * @return its credentials: by id, then by URL, then the default entry
     */
    public Optional<NodeCredentials> forNode(String nodeId, URI uri) {
        NodeCredentials found = nodeId == null ? null : nodes.get(nodeId);
        if (found == null && uri != null) {
            found = nodes.get(key(uri.toString()));
        }
        return Optional.ofNullable(found != null ? found : fallback);
    }

    private static String key(String node) {
        return node.endsWith("/") ? node.substring(0, node.length() - 1) : node;
    }

    private static NodeCredentials credentials(Entry entry, Path file, String where) {
        boolean token = entry != null && entry.token() != null;
        boolean password = entry != null && (entry.user() != null || entry.password() != null);
        if (token == password || (password && (entry.user() == null || entry.password() == null))) {
            throw new IllegalArgumentException("The credentials file " + file + ": the entry " + where + " needs either "
                    + "\"token\", or \"user\" and \"password\"");
        }
        return token ? NodeCredentials.token(entry.token()) : NodeCredentials.password(entry.user(), entry.password());
    }
}
