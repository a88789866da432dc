package org.gridplatform.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridplatform.spi.discovery.NodeSigner;

/**
 * The node's signing key pair (Ed25519), with which the {@code dht} discovery strategy signs the records
 * it publishes in the node's name: made at the first start and kept in {@code <data-dir>/.node-key}, so
 * that a restarted node keeps its identity in the DHT.
 *
 * <p>The file is PEM (RFC 7468): a {@code PRIVATE KEY} block (PKCS #8) and a {@code PUBLIC KEY} block
 * (X.509 SubjectPublicKeyInfo), which {@code openssl pkey} reads. It is created owner read/write only
 * (never readable by others, not even for a moment); a file found readable by others is made owner-only
 * again, with a warning. The JDK cannot derive an Ed25519 public key from its private key, hence both
 * blocks; they are checked to belong together at every start.
 */
final class NodeSigningKey {

    static final String FILE = ".node-key";

    private static final Logger LOG = Logger.getLogger(NodeSigningKey.class.getName());
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private NodeSigningKey() {
    }

    /**
     * @param dataDir the node's data directory
     * @return the signer over the key pair, read or made
     * @throws IOException if the file cannot be read or written, or does not hold a matching Ed25519 key pair
     *                     (the message says what to do)
     */
    static NodeSigner loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            keepPrivate(file);
            return NodeSigner.of(read(file));
        }
        KeyPair keys;
        try {
            keys = KeyPairGenerator.getInstance(NodeSigner.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("This Java runtime cannot make an " + NodeSigner.ALGORITHM + " key: " + e.getMessage(), e);
        }
        Files.createDirectories(dataDir);
        // Written whole to a private temporary file, then moved into place: a crash never leaves half a key.
        Path temporary = Files.createTempFile(dataDir, FILE + ".", ".tmp", ownerOnly(dataDir));
        try {
            Files.setPosixFilePermissions(temporary, OWNER_ONLY); // the umask may have taken some away; never adds any
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's access list.
        }
        try {
            Files.writeString(temporary, pem("PRIVATE KEY", keys.getPrivate().getEncoded())
                    + pem("PUBLIC KEY", keys.getPublic().getEncoded()), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException raced) {
            return loadOrCreate(dataDir);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return NodeSigner.of(keys);
    }

    private static FileAttribute<?>[] ownerOnly(Path dataDir) {
        boolean posix = dataDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static void keepPrivate(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        Set<PosixFilePermission> tooOpen = EnumSet.copyOf(permissions);
        tooOpen.removeAll(OWNER_ONLY);
        if (!tooOpen.isEmpty()) {
            LOG.warning(file + " was readable or writable by others (" + PosixFilePermissions.toString(permissions)
                    + "); made it owner read/write only");
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateBytes = null;
        byte[] publicBytes = null;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw broken(file, "its " + block.group(1) + " block is not base64", e);
            }
            switch (block.group(1)) {
                case "PRIVATE KEY" -> privateBytes = bytes;
                case "PUBLIC KEY" -> publicBytes = bytes;
                default -> throw broken(file, "it has a " + block.group(1) + " block; only PRIVATE KEY and PUBLIC KEY belong there", null);
            }
        }
        if (privateBytes == null || publicBytes == null) {
            throw broken(file, "it lacks its " + (privateBytes == null ? "PRIVATE KEY" : "PUBLIC KEY") + " block", null);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(NodeSigner.ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicBytes));
            byte[] probe = "grid-node-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(NodeSigner.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(NodeSigner.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw broken(file, "its public key does not belong to its private key", null);
            }
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw broken(file, "it does not hold an " + NodeSigner.ALGORITHM + " key pair (" + e.getMessage() + ")", e);
        }
    }

    private static IOException broken(Path file, String why, Exception cause) {
        return new IOException(file + " is not this node's signing key: " + why + ". Restore it from a backup, or delete it"
                + " to make a new one; peers then refuse this node's records under its id until its old records expire"
                + " (grid.discovery.dht.record-ttl)", cause);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
