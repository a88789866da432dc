package org.gridplatform.api;

/**
 * A node's answer to {@code POST /search} (PyGrid's protocol): whether it holds a dataset that
 * carries every tag of the query.
 *
 * @param content {@code true} if it does
 */
public record SearchAnswer(boolean content) {
}
