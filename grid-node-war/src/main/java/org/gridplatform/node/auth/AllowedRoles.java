package org.gridplatform.node.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a resource method; without it, anyone may. {@link NodeAuthentication.Roles}
 * binds the check. Not Jakarta's {@code @RolesAllowed}: Payara enforces that one itself, against its
 * own container identities, before the node's tokens are even looked at.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedRoles {

    /** @return the roles allowed */
    Role[] value();
}
