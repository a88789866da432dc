package org.gridplatform.api;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated search query: a dataset matches when it carries <em>every</em> tag of the query
 * (AND semantics), compared as {@link Tags} describes.
 *
 * @param tags the query's tags in normal form, sorted, at least one and at most
 *             {@link Limits#MAX_QUERY_TAGS}
 */
public record TagQuery(Set<String> tags) {

    /** @param tags the query's tags in normal form */
    public TagQuery {
        tags = Set.copyOf(new TreeSet<>(tags));
    }

    /**
     * Validates the {@code query} field of a search request.
     *
     * @param query the tags as sent, may be {@code null}
     * @return the validated query
     * @throws InvalidRequestException if the query is missing, empty, has more than
     *         {@link Limits#MAX_QUERY_TAGS} tags, or holds an invalid tag
     */
    public static TagQuery of(List<String> query) {
        if (query == null) {
            throw new InvalidRequestException("The field 'query' is required: send {\"query\": [\"#tag\", ...]}");
        }
        if (query.isEmpty()) {
            throw new InvalidRequestException("The field 'query' is empty; name at least one tag, such as [\"#iris\"]");
        }
        if (query.size() > Limits.MAX_QUERY_TAGS) {
            throw new InvalidRequestException("The field 'query' has " + query.size() + " tags; at most "
                    + Limits.MAX_QUERY_TAGS + " are allowed");
        }
        Set<String> normal = new TreeSet<>();
        for (int i = 0; i < query.size(); i++) {
            normal.add(Tags.validate(query.get(i), "query[" + i + "]"));
        }
        return new TagQuery(normal);
    }

    /**
     * @param datasetTags the tags of one dataset, in any form
     * @return whether the dataset carries every tag of this query
     */
    public boolean matches(Collection<String> datasetTags) {
        return Tags.normaliseAll(datasetTags).containsAll(tags);
    }

    /** @return the tags in display form ({@code #tag}), sorted, as sent to nodes */
    public List<String> displayTags() {
        return new TreeSet<>(tags).stream().map(Tags::display).toList();
    }
}
