package org.gridplatform.plugin.discovery.central;

import java.util.List;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.SearchResult;

/**
 * Answers from the tags that nodes announced when they last joined, without calling any node:
 * a node matches when one of its announced datasets carries every tag of the query, the same rule
 * a node applies when asked. Nodes that announce no tags (the design's and PyGrid's nodes) are
 * never found in this mode.
 */
final class IndexSearch implements NodeSearch {

    @Override
    public SearchResult search(TagQuery query, List<Registry.Member> members) {
        return new SearchResult(members.stream()
                .filter(m -> m.tagSets().map(sets -> sets.stream().anyMatch(tags -> tags.containsAll(query.tags()))).orElse(false))
                .map(Registry.Member::entry)
                .toList(), List.of(), 0);
    }

    @Override
    public String mode() {
        return "index";
    }
}
