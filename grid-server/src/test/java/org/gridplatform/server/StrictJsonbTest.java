package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.SearchResponse;
import org.junit.jupiter.api.Test;

class StrictJsonbTest {

    private final Jsonb jsonb = new StrictJsonb().getContext(Object.class);

    @Test
    void readsStringsAndNulls() {
        assertThat(jsonb.fromJson("{\"node-id\": \"bob\", \"node-address\": null}", JoinRequest.class))
                .isEqualTo(new JoinRequest("bob", null));
        assertThat(jsonb.fromJson("{\"query\": [\"#iris\", null]}", SearchRequest.class).query())
                .containsExactly("#iris", null);
    }

    @Test
    void refusesNumbersBooleansAndObjectsWhereAStringBelongs() {
        for (String json : List.of("{\"node-id\": 5}", "{\"node-id\": true}", "{\"node-id\": {}}", "{\"node-id\": [\"a\"]}")) {
            assertThatThrownBy(() -> jsonb.fromJson(json, JoinRequest.class)).as(json).isInstanceOf(JsonbException.class);
        }
        for (String json : List.of("{\"query\": [5]}", "{\"query\": [\"#iris\", false]}", "{\"query\": [{}]}")) {
            assertThatThrownBy(() -> jsonb.fromJson(json, SearchRequest.class)).as(json).isInstanceOf(JsonbException.class);
        }
    }

    @Test
    void writesAsBefore() {
        assertThat(jsonb.toJson(new SearchResponse(List.of(List.of("alice", "http://127.0.0.1:1")), List.of())))
                .isEqualTo("{\"node-addresses\":[[\"alice\",\"http://127.0.0.1:1\"]],\"unanswered-nodes\":[]}");
    }
}
