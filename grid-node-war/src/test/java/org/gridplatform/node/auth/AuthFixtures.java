package org.gridplatform.node.auth;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;

/** Soteria's PBKDF2, as Payara gives it to the node, with few iterations so that tests run fast. */
final class AuthFixtures {

    private AuthFixtures() {
    }

    static Pbkdf2PasswordHash fastHash() {
        Pbkdf2PasswordHash hash = new Pbkdf2PasswordHashImpl();
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "1024"));
        return hash;
    }
}
