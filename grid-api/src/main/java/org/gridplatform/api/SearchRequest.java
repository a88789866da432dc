package org.gridplatform.api;

import java.util.List;

/**
 * The body of {@code POST /search}, on the gateway and on a node alike (PyGrid's protocol).
 *
 * @param query tags that a dataset must all carry, such as {@code ["#MNIST", "#boston-housing"]};
 *              see {@link TagQuery#of(List)} for the rules
 */
public record SearchRequest(List<String> query) {
}
