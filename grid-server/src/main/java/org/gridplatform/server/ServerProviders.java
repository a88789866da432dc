package org.gridplatform.server;

import java.util.Set;

/**
 * The JAX-RS providers that every Grid WAR registers. The WARs list their classes in their
 * {@code Application} (rather than letting the runtime scan) because which resources a node
 * serves depends on its discovery strategy; these providers are the part they all share.
 */
public final class ServerProviders {

    /** Problem details for every error, body size and JSON depth limits, per-client rate limits, and no matrix parameters. */
    public static final Set<Class<?>> CLASSES = Set.of(ProblemMapper.class, BodySizeLimit.class, JsonDepthLimit.class,
            org.gridplatform.server.security.RateLimit.class, MatrixParameterRefusal.class);

    /**
     * @return the providers registered as instances ({@code Application.getSingletons()}): strict JSON reading.
     *         An instance, not a class: Payara's {@code JaxRSJsonContextResolver} instantiates resolver classes lazily
     *         from a shared list that two first requests for different types may walk and clear at once, which
     *         answers one of them 500 with a ConcurrentModificationException (seen in DashboardIT).
     */
    public static Set<Object> singletons() {
        return Set.of(new StrictJsonb());
    }

    private ServerProviders() {
    }
}
