package org.gridplatform.spi.discovery;

/**
 * The host's JSON binding (JSON-B in Grid's WARs), so that plugins exchange plain Java records as
 * JSON without a JSON library of their own. Thread-safe.
 */
public interface JsonCodec {

    /**
     * @param value a record, list, map, string, number or boolean
     * @return its JSON text
     */
    String toJson(Object value);

    /**
     * @param json the JSON text
     * @param type the record or class to read
     * @param <T>  the type
     * @return the value
     * @throws org.gridplatform.api.InvalidRequestException if the text is not JSON of that shape
     */
    <T> T fromJson(String json, Class<T> type);
}
