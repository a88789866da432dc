package org.gridplatform.plugin.discovery.central;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridplatform.api.GridException;
import org.gridplatform.api.NodeAddress;
import org.gridplatform.api.SearchAnswer;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.TagQuery;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.NodeTransport;
import org.gridplatform.spi.discovery.SearchResult;

/**
 * The design's search: ask every registered node, in parallel, {@code POST <node-address>/search}
 * with the query, and list those that answer {@code {"content": true}}. Any node that speaks
 * PyGrid's protocol works. Each node gets the search timeout; one slow or dead node costs at most
 * that, and is named as unanswered. Nodes the host's health sweeps found {@code DOWN} are not asked:
 * the host leaves them out of answers anyway, and one that hangs would hold every search for the
 * whole timeout.
 */
final class BroadcastSearch implements NodeSearch {

    private final DiscoveryContext context;
    private final NodeTransport transport;
    private final org.gridplatform.spi.discovery.JsonCodec json;
    private final Duration timeout;

    BroadcastSearch(DiscoveryContext context, Duration timeout) {
        this.context = context;
        this.transport = context.transport();
        this.json = context.json();
        this.timeout = timeout;
    }

    @Override
    public SearchResult search(TagQuery query, List<Registry.Member> registered) {
        List<Registry.Member> members = registered.stream().filter(m -> !context.isDown(m.entry().nodeId())).toList();
        String body = json.toJson(new SearchRequest(query.displayTags()));
        List<CompletableFuture<NodeTransport.Reply>> replies = new ArrayList<>(members.size());
        for (Registry.Member member : members) {
            replies.add(transport.post(NodeAddress.parse(member.entry().nodeAddress(), "node-address"), "/search", body, timeout));
        }
        List<org.gridplatform.api.NodeEntry> found = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Boolean content = content(replies.get(i).join());
            if (content == null) {
                unanswered.add(members.get(i).entry().nodeId());
            } else if (content) {
                found.add(members.get(i).entry());
            }
        }
        return new SearchResult(found, unanswered, members.size());
    }

    /** @return the node's answer, or {@code null} if it gave none that follows the protocol */
    private Boolean content(NodeTransport.Reply reply) {
        if (!reply.ok() || reply.body() == null || !reply.body().contains("\"content\"")) {
            return null;
        }
        try {
            return json.fromJson(reply.body(), SearchAnswer.class).content();
        } catch (GridException e) {
            return null;
        }
    }

    @Override
    public String mode() {
        return "broadcast";
    }
}
