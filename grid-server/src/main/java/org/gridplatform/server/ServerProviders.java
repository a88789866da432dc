package org.gridplatform.server;

import java.util.Set;

/**
 * The JAX-RS providers that every Grid WAR registers. The WARs list their classes in their
 * {@code Application} (rather than letting the runtime scan) because which resources a node
 * serves depends on its discovery strategy; these providers are the part they all share.
 */
public final class ServerProviders {

    /** Problem details for every error, strict JSON reading, body size limits, and per-client rate limits. */
    public static final Set<Class<?>> CLASSES = Set.of(ProblemMapper.class, StrictJsonb.class, BodySizeLimit.class,
            org.gridplatform.server.security.RateLimit.class);

    private ServerProviders() {
    }
}
