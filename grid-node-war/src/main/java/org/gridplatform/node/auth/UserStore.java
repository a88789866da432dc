package org.gridplatform.node.auth;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.ProblemType;

/**
 * A node's users: names, roles and password hashes, kept in {@code <data-dir>/users.json} (owner
 * read/write only), written atomically on every change so that a crash never loses or half-writes it.
 *
 * <p>Passwords are never stored: only their hash by Jakarta Security's {@link PasswordHash} (PBKDF2 with
 * HMAC-SHA512 on the node, {@link NodeAuth}), whose encoded form carries its algorithm, iterations and
 * salt, so that hashes made with other settings still verify. Each user has a generation that a
 * password change or a new role increments: tokens carry it, so the change revokes the user's earlier tokens.
 *
 * <p>Thread-safe: reads see an immutable snapshot; changes are serialised and written before they are seen.
 */
public final class UserStore {

    /** The file's name in the data directory. */
    public static final String FILE = "users.json";
    /** How many users a node keeps at most. */
    public static final int MAX_USERS = 1000;
    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 12;
    /** The longest password accepted: PBKDF2 hashes any length, but a client must not make the node hash megabytes. */
    public static final int MAX_PASSWORD = 1024;
    /** The longest user name accepted. */
    public static final int MAX_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0," + (MAX_NAME - 1) + "}");

    /** A user as the API shows it: never the hash. */
    public record User(String name, Role role, long generation, Instant createdAt) {
    }

    /** One user in the file. */
    public record StoredUser(String name, String role, @JsonbProperty("password-hash") String passwordHash,
                             long generation, @JsonbProperty("created-at") Instant createdAt) {
        User user() {
            return new User(name, Role.of(role), generation, createdAt);
        }
    }

    /** The file: a format version and the users. */
    public record UsersFile(int version, List<StoredUser> users) {
    }

    private final Path file;
    private final PasswordHash hash;
    private final Clock clock;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true));
    private final String dummyHash;
    private volatile Map<String, StoredUser> users;

    /**
     * Reads the users, or starts with none when the file does not exist.
     *
     * @param dataDir the node's data directory
     * @param hash    an initialised password hash
     * @param clock   the clock for creation times
     * @throws IOException if the file exists but cannot be read or is not a users file
     */
    public UserStore(Path dataDir, PasswordHash hash, Clock clock) throws IOException {
        this.file = dataDir.resolve(FILE);
        this.hash = hash;
        this.clock = clock;
        this.users = read(file);
        // Checking a name that does not exist costs one hash as well, so that timing does not tell names apart.
        this.dummyHash = hash.generate(randomPassword().toCharArray());
    }

    private Map<String, StoredUser> read(Path file) throws IOException {
        Map<String, StoredUser> read = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return read;
        }
        try {
            UsersFile content = jsonb.fromJson(Files.readString(file, StandardCharsets.UTF_8), UsersFile.class);
            for (StoredUser user : content.users() == null ? List.<StoredUser>of() : content.users()) {
                Role.of(user.role());
                if (user.name() == null || user.passwordHash() == null) {
                    throw new IllegalArgumentException("a user without a name or a password hash");
                }
                read.put(user.name(), user);
            }
        } catch (JsonbException | IllegalArgumentException e) {
            throw new IOException(file + " is not a Grid users file (" + e.getMessage() + "); restore it from a backup, or "
                    + "delete it to start again with a new owner account");
        }
        return read;
    }

    /** @return whether no user exists yet (the node's first start) */
    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** @return every user, by name */
    public List<User> list() {
        return users.values().stream().map(StoredUser::user).sorted(Comparator.comparing(User::name)).toList();
    }

    /** @return the user with this name, if any */
    public Optional<User> find(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name)).map(StoredUser::user);
    }

    /**
     * Checks a name and a password. Takes the same time whether or not the name exists.
     *
     * @return the user, if the password is theirs
     */
    public Optional<User> authenticate(String name, char[] password) {
        StoredUser user = name == null ? null : users.get(name);
        boolean matches = hash.verify(password, user == null ? dummyHash : user.passwordHash());
        return matches && user != null ? Optional.of(user.user()) : Optional.empty();
    }

    /**
     * Adds a user.
     *
     * @param password the password, or {@code null} to make one
     * @return the user and the password made, if one was
     * @throws InvalidRequestException for a bad name or password; {@link GridException} {@code 409} for a taken name
     */
    public synchronized Created create(String name, Role role, String password) {
        validName(name);
        if (users.containsKey(name)) {
            throw new GridException(ProblemType.CONFLICT, "A user named " + name + " exists; pick another name, or change "
                    + "their password with PUT /users/" + name + "/password");
        }
        if (users.size() >= MAX_USERS) {
            throw new GridException(ProblemType.CONFLICT, "The node has " + MAX_USERS + " users, its limit; delete some first");
        }
        String made = password == null ? randomPassword() : null;
        String chosen = password == null ? made : validPassword(password);
        StoredUser user = new StoredUser(name, role.wireName(), hash.generate(chosen.toCharArray()), 1, clock.instant());
        Map<String, StoredUser> changed = new LinkedHashMap<>(users);
        changed.put(name, user);
        write(changed);
        return new Created(user.user(), made);
    }

    /** A new user, or a user with a new password, and the password made for them if the caller gave none. */
    public record Created(User user, String madePassword) {
    }

    /**
     * Sets a user's password and revokes their earlier tokens.
     *
     * @param password the password, or {@code null} to make one
     * @return the user and the password made, if one was
     */
    public synchronized Created setPassword(String name, String password) {
        StoredUser old = existing(name);
        String made = password == null ? randomPassword() : null;
        String chosen = password == null ? made : validPassword(password);
        StoredUser user = new StoredUser(name, old.role(), hash.generate(chosen.toCharArray()), old.generation() + 1,
                old.createdAt());
        Map<String, StoredUser> changed = new LinkedHashMap<>(users);
        changed.put(name, user);
        write(changed);
        return new Created(user.user(), made);
    }

    /**
     * Removes a user; their tokens stop working at once.
     *
     * @throws GridException {@code 404} for an unknown name, {@code 409} for the last owner
     */
    public synchronized void delete(String name) {
        StoredUser user = existing(name);
        if (Role.of(user.role()) == Role.OWNER
                && users.values().stream().filter(u -> Role.of(u.role()) == Role.OWNER).count() == 1) {
            throw new GridException(ProblemType.CONFLICT, name + " is the node's only owner; add another owner before "
                    + "deleting this one, so that someone can still manage the node");
        }
        Map<String, StoredUser> changed = new LinkedHashMap<>(users);
        changed.remove(name);
        write(changed);
    }

    /**
     * Makes sure an owner with this name has this password (the configured owner credential): creates
     * the user, or sets the password when it differs (revoking the user's tokens), or does nothing.
     *
     * @param encodedHash a hash in the {@link PasswordHash}'s encoded form instead of the password, or {@code null}
     */
    public synchronized void ensureOwner(String name, String password, String encodedHash) {
        validName(name);
        StoredUser old = users.get(name);
        if (old != null && Role.of(old.role()) == Role.OWNER
                && (encodedHash != null ? encodedHash.equals(old.passwordHash()) : hash.verify(password.toCharArray(), old.passwordHash()))) {
            return;
        }
        String stored = encodedHash != null ? encodedHash : hash.generate(validPassword(password).toCharArray());
        Map<String, StoredUser> changed = new LinkedHashMap<>(users);
        changed.put(name, new StoredUser(name, Role.OWNER.wireName(), stored, old == null ? 1 : old.generation() + 1,
                old == null ? clock.instant() : old.createdAt()));
        write(changed);
    }

    private StoredUser existing(String name) {
        StoredUser user = name == null ? null : users.get(name);
        if (user == null) {
            throw new GridException(ProblemType.NOT_FOUND, "No user is named " + Quoting.shorten(name) + "; GET /users lists them");
        }
        return user;
    }

    private static void validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("A user name is 1 to 64 of a-z 0-9 . _ - starting with a letter, such as \"alice\"");
        }
    }

    private static String validPassword(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidRequestException("A password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters; leave "
                    + "\"password\" out to have the node make a strong one");
        }
        return password;
    }

    /** @return a new random password: 24 characters of base64url, 144 bits */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private void write(Map<String, StoredUser> changed) {
        List<StoredUser> list = new ArrayList<>(changed.values());
        String json = jsonb.toJson(new UsersFile(1, list));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".users-", ".tmp");
            try {
                restrict(temp);
                Files.writeString(temp, json, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        users = changed;
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the directory's permissions.
        }
    }

    /** Shortens what a client sent before it goes into a message. */
    private static final class Quoting {
        static String shorten(String s) {
            return s == null ? "(none)" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
        }
    }
}
