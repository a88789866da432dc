package org.gridplatform.api;

/**
 * The limits that every Grid server enforces on what a client controls. They are part of the
 * contract: a request over a limit is answered with a {@code 4xx} problem that names the limit.
 */
public final class Limits {

    /** Most tags in one search query. */
    public static final int MAX_QUERY_TAGS = 32;
    /** Most tags a node announces when it joins. */
    public static final int MAX_ANNOUNCED_TAGS = 1024;
    /** Longest tag, in characters, after normalisation. */
    public static final int MAX_TAG_LENGTH = 128;
    /** Longest node id, in characters. */
    public static final int MAX_NODE_ID_LENGTH = 64;
    /** Longest node address, in characters. */
    public static final int MAX_NODE_ADDRESS_LENGTH = 2048;
    /** Default largest JSON request body, in bytes (64 KiB); servers may configure another. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Deepest nesting of arrays and objects in a JSON request body; Grid's own requests nest 4 deep at most. */
    public static final int MAX_JSON_DEPTH = 32;

    private Limits() {
    }
}
