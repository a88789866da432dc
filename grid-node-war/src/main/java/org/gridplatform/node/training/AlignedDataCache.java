package org.gridplatform.node.training;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridplatform.node.data.LoadedDataset;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.api.training.FeatureScaling;

/**
 * The aligned rows of recent (dataset, schema, scaling) triples, so that the rounds of one federated
 * training build them once. Bounded by an estimate of the rows' bytes, least recently used first out;
 * a triple larger than the whole budget is built for its request and not kept.
 *
 * <p>The key holds the {@link LoadedDataset} itself, compared by identity: a dataset that is replaced
 * (uploaded again) is a new object, so its old rows are never served, and they age out.
 *
 * <p>Thread-safe. Two requests that miss at once may both build; the rows are equal, one is kept.
 */
final class AlignedDataCache {

    private record Key(LoadedDataset dataset, ModelSchema schema, Map<String, FeatureScaling> scaling) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, AlignedDataset> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param maxBytes the budget; 0 keeps nothing */
    AlignedDataCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The cache budget must be 0 or more bytes");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @return the aligned rows, from the cache or built now
     * @throws org.gridplatform.api.InvalidRequestException if the dataset does not fit the schema
     */
    AlignedDataset aligned(LoadedDataset dataset, ModelSchema schema, Map<String, FeatureScaling> scaling) {
        Key key = new Key(dataset, schema, Map.copyOf(scaling));
        synchronized (this) {
            AlignedDataset known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        AlignedDataset built = DatasetAlignment.align(dataset, schema, scaling);
        long size = built.memoryBytes();
        if (size <= maxBytes) {
            synchronized (this) {
                AlignedDataset previous = entries.put(key, built);
                bytes += size - (previous == null ? 0 : previous.memoryBytes());
                Iterator<AlignedDataset> oldest = entries.values().iterator();
                while (bytes > maxBytes && oldest.hasNext()) {
                    AlignedDataset evicted = oldest.next();
                    if (evicted != built) {
                        bytes -= evicted.memoryBytes();
                        oldest.remove();
                    }
                }
            }
        }
        return built;
    }

    /** @return the number of entries kept, for tests */
    synchronized int size() {
        return entries.size();
    }
}
