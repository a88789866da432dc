package org.gridplatform.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridplatform.server.discovery.DiscoveryHost;
import org.gridplatform.api.DatasetDescription;

/**
 * Adds and deletes datasets for the operator, and tells discovery at once: a node of a
 * {@code central} grid re-joins its gateway (which carries its tags), a node that runs a strategy
 * itself (such as {@code dht}) has the strategy republish its tags.
 */
@ApplicationScoped
public class DatasetPublishing {

    private static final Logger LOG = Logger.getLogger(DatasetPublishing.class.getName());

    @Inject
    DatasetCatalog catalog;

    @Inject
    DiscoveryHost discovery;

    @Inject
    GatewayMembership membership;

    /**
     * @see DatasetCatalog#add(String, Map)
     * @return the new dataset's description
     */
    public DatasetDescription publish(String metadataJson, Map<String, InputStream> parts) throws IOException {
        Dataset dataset = catalog.add(metadataJson, parts);
        announce();
        return dataset.description();
    }

    /** @see DatasetCatalog#remove(String) */
    public void delete(String id) throws IOException {
        catalog.remove(id);
        announce();
    }

    private void announce() {
        try {
            if (discovery.runsStrategy()) {
                discovery.strategy().localTagsChanged();
            } else {
                membership.rejoinNow();
            }
        } catch (RuntimeException e) {
            // The next periodic announcement carries the change anyway.
            LOG.log(Level.WARNING, "Could not announce the changed tags at once; the next re-join or republish will", e);
        }
    }
}
