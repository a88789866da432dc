package org.gridplatform.node.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who called: the user a valid token names, with their role. Anonymous callers keep the container's
 * own security context (no principal, no role).
 *
 * @param user      the signed-in user
 * @param expiresAt when their token expires
 * @param secure    whether the request came over HTTPS
 */
public record NodeSecurityContext(UserStore.User user, java.time.Instant expiresAt, boolean secure) implements SecurityContext {

    /**
     * The signed-in user as a principal. Resources get a proxy of the security context, not this
     * record, so what they need travels in the principal, which the proxy hands out as it is.
     *
     * @param user      the user
     * @param expiresAt when their token expires
     */
    public record Caller(UserStore.User user, java.time.Instant expiresAt) implements Principal {
        @Override
        public String getName() {
            return user.name();
        }
    }

    @Override
    public Principal getUserPrincipal() {
        return new Caller(user, expiresAt);
    }

    /** @param role {@code owner} or {@code scientist}; an owner is in the scientist role too */
    @Override
    public boolean isUserInRole(String role) {
        try {
            return user.role().includes(Role.of(role));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }

    /**
     * @param context a request's security context
     * @return the signed-in user's role, or {@code null} for an anonymous caller
     */
    public static Role roleOf(SecurityContext context) {
        return context.getUserPrincipal() instanceof Caller caller ? caller.user().role() : null;
    }
}
