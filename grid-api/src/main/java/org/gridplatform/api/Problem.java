package org.gridplatform.api;

/**
 * An RFC 9457 problem details document, the body of every {@code 4xx} and {@code 5xx} answer of
 * Grid's servers, sent as {@code application/problem+json}.
 *
 * @param type     a URI naming the kind of problem (see {@link ProblemType#uri()})
 * @param title    a short summary of the kind of problem
 * @param status   the HTTP status
 * @param detail   what went wrong with this request and what to change
 * @param instance the path of the request that failed, or an id to find it in the server's log
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    /** The media type of problem details documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
