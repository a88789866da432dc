package org.gridplatform.node.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one endpoint that takes {@code Authorization: Basic} (a user's name and password) rather
 * than a token: {@code POST /auth/token}. {@link NodeAuthentication} leaves Basic credentials to it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PasswordSignIn {
}
