package org.gridplatform.server;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.gridplatform.server.discovery.DiscoveryHost;

/**
 * Starts the WAR's discovery and background work while it deploys, on the deployment thread: the
 * discovery strategy first (a configuration error stops the deployment), then every
 * {@link StartsAtDeployment} bean. CDI's {@code @Initialized(ApplicationScoped)} event is not used for
 * this: on Payara it came on the first request, which may be another module's (see
 * {@link StartsAtDeployment}).
 */
@WebListener
public class DeploymentStart implements ServletContextListener {

    /** Per WAR (one class loader each): whether its start has run. */
    private static volatile boolean started;

    /**
     * @return whether this WAR's discovery and background work have started. Health checks ask first: Payara
     *         calls a WAR's checks (for its /health/ready) before the WAR's own start, on threads of its own
     *         module, and creating the discovery there would run it in that module's context.
     */
    public static boolean started() {
        return started;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        CDI<Object> cdi = CDI.current();
        cdi.select(DiscoveryHost.class).get().runsStrategy();
        cdi.select(StartsAtDeployment.class).forEach(StartsAtDeployment::startAtDeployment);
        started = true;
    }
}
