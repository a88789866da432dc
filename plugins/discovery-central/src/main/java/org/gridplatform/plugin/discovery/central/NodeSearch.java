package org.gridplatform.plugin.discovery.central;

import java.util.List;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.SearchResult;

/** One way of answering a search over the registry's members. */
interface NodeSearch {

    SearchResult search(TagQuery query, List<Registry.Member> members);

    String mode();
}
