package org.gridplatform.spi.discovery;

import java.util.Map;

/**
 * A strategy's own health, shown as a MicroProfile Health check named {@code discovery}.
 *
 * @param up   whether the strategy can serve
 * @param data facts for operators; values are {@link String}, {@link Long} or {@link Boolean}
 */
public record DiscoveryHealth(boolean up, Map<String, Object> data) {

    /** Copies the data. */
    public DiscoveryHealth {
        data = Map.copyOf(data);
    }
}
