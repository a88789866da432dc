package org.gridplatform.spi.testing;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.spi.discovery.JsonCodec;

/**
 * For plugin tests: the JSON codec as the WARs provide it (grid-server's {@code JsonbCodec}), JSON-B
 * through Yasson, a bad or empty body being an {@link InvalidRequestException}. Thread-safe.
 */
public final class YassonJsonCodec implements JsonCodec {

    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public String toJson(Object value) {
        return jsonb.toJson(value);
    }

    @Override
    public <T> T fromJson(String json, Class<T> type) {
        try {
            T value = jsonb.fromJson(json, type);
            if (value == null) {
                throw new InvalidRequestException("The body is empty; send a JSON object");
            }
            return value;
        } catch (JsonbException e) {
            throw new InvalidRequestException("The body is not JSON of the expected shape");
        }
    }
}
