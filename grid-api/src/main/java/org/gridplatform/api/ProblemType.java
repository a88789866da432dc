package org.gridplatform.api;

/**
 * The kinds of problem that Grid's servers answer with, each with its HTTP status, its stable
 * {@code type} URI and a short human title (RFC 9457).
 *
 * <p>Clients may branch on {@link #uri()}; the titles are for people and may be reworded.
 */
public enum ProblemType {
    /** The request is malformed or breaks a documented rule: fix the request. */
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    /** The caller did not prove who it is. */
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    /** The caller is known but may not do this. */
    FORBIDDEN(403, "forbidden", "Forbidden"),
    /** The path or the named resource does not exist. */
    NOT_FOUND(404, "not-found", "Not found"),
    /**
     * A training step or evaluation names a plan the node does not hold (never registered, dropped, expired
     * unused, evicted, or forgotten by a restart): register the plan again with {@code POST /training/plans}
     * and send the request with the new id.
     */
    UNKNOWN_TRAINING_PLAN(404, "unknown-training-plan", "Unknown training plan: register it again"),
    /** The path exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    /** The server cannot produce any of the media types the client accepts. */
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    /** The request conflicts with the current state, such as a node id bound to another address. */
    CONFLICT(409, "conflict", "Conflict"),
    /** The request body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    /** The request body is not in a media type the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** The caller sent too many requests; retry later. */
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    /** The server failed; the detail carries an id to find it in the server's log. */
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    /** The server cannot serve right now, for example while it starts. */
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    private static final String URI_PREFIX = "urn:gridplatform:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** @return the HTTP status of this problem */
    public int status() {
        return status;
    }

    /** @return the stable type URI, for example {@code urn:gridplatform:problem:invalid-request} */
    public String uri() {
        return URI_PREFIX + slug;
    }

    /** @return the short human-readable summary */
    public String title() {
        return title;
    }

    /**
     * The problem type for an HTTP status, for errors raised outside Grid's own code (for
     * example by the JAX-RS runtime).
     *
     * @param status an HTTP status in 400..599
     * @return the matching type; {@link #INVALID_REQUEST} for an unlisted 4xx and
     *         {@link #INTERNAL_ERROR} for an unlisted 5xx
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
