package org.gridplatform.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The node's own secret, which proves its id to its gateway ({@code Grid-Node-Secret} on every join
 * and leave): 32 random bytes, base64url, made at the first start and kept in
 * {@code <data-dir>/.node-secret} (owner read/write only), so that a restarted node keeps its id.
 */
final class NodeSecret {

    static final String FILE = ".node-secret";

    private NodeSecret() {
    }

    /**
     * @param dataDir the node's data directory
     * @return the secret, read or made
     * @throws IOException if the file cannot be read or written
     */
    static String loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.matches("[A-Za-z0-9_-]{32,128}")) {
                return secret;
            }
            throw new IOException(file + " does not hold a node secret (32 to 128 of A-Z a-z 0-9 - _); delete it to make a new"
                    + " one, and the gateway will know this node under its id again only after it forgets the old binding");
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(dataDir);
        try {
            Files.writeString(file, secret, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
            return loadOrCreate(dataDir);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the directory's permissions.
        }
        return secret;
    }
}
