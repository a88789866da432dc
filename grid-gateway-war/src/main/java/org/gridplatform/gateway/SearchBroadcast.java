package org.gridplatform.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.TagQuery;

/**
 * Answers a search the way the design describes: ask every registered node, in parallel,
 * {@code POST <node-address>/search} with the query, and list those that answer
 * {@code {"content": true}}. Any node that speaks PyGrid's protocol works, not only Grid's.
 */
@ApplicationScoped
public class SearchBroadcast {

    @Inject
    NodeRegistry registry;

    @Inject
    NodeCalls calls;

    @Inject
    GatewaySettings settings;

    /**
     * @param query a validated query
     * @return the matching nodes ordered by id, and the nodes that did not answer
     */
    public SearchResponse search(TagQuery query) {
        var tags = Json.createArrayBuilder();
        query.displayTags().forEach(tags::add);
        String body = Json.createObjectBuilder().add("query", tags).build().toString();
        List<List<String>> found = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (NodeCalls.Outcome outcome : calls.callAll(registry.nodes(),
                address -> HttpRequest.newBuilder(address.resolve("/search"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                settings.searchTimeout())) {
            JsonValue content = outcome.answered() ? outcome.answer().get("content") : null;
            if (content == JsonValue.TRUE) {
                found.add(List.of(outcome.node().nodeId(), outcome.node().nodeAddress()));
            } else if (content != JsonValue.FALSE) {
                unanswered.add(outcome.node().nodeId());
            }
        }
        return new SearchResponse(found, unanswered);
    }
}
