package org.gridplatform.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one client address may call a resource method ({@link RateLimit}). The limit is
 * {@code grid.rate-limit.<name>} requests per minute per client address ({@code 0}: no limit),
 * with bursts up to a sixth of it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    /** @return the limit's name, such as {@code join}: its key is {@code grid.rate-limit.<name>} */
    String value();

    /** @return requests per minute per client address when the key is not set */
    int defaultPerMinute();
}
