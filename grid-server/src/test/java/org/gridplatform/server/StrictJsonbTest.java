package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.SearchRequest;
import org.gridplatform.api.SearchResponse;
import org.gridplatform.api.auth.PasswordRequest;
import org.gridplatform.api.auth.UserRequest;
import org.gridplatform.api.training.TrainingPlanRequest;
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
    void bodiesThatSetCredentialsRefuseUnknownFieldsAndOthersSkipThem() {
        StrictJsonb resolver = new StrictJsonb();
        Jsonb users = resolver.getContext(UserRequest.class);
        Jsonb passwords = resolver.getContext(PasswordRequest.class);
        assertThat(users.fromJson("{\"name\": \"dora\", \"role\": \"scientist\"}", UserRequest.class))
                .isEqualTo(new UserRequest("dora", "scientist", null));
        assertThat(passwords.fromJson("{}", PasswordRequest.class)).isEqualTo(new PasswordRequest(null));
        assertThatThrownBy(() -> passwords.fromJson("{\"pasword\": \"a misspelt field\"}", PasswordRequest.class))
                .isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> users.fromJson("{\"name\": \"dora\", \"role\": \"scientist\", \"groups\": [\"owner\"]}",
                UserRequest.class)).isInstanceOf(JsonbException.class);
        Jsonb plans = resolver.getContext(TrainingPlanRequest.class);
        assertThat(plans.fromJson("{\"dataset\": \"iris\", \"settings\": {\"any-key\": 1}}", TrainingPlanRequest.class).settings())
                .containsOnlyKeys("any-key");
        for (String json : List.of("{\"dataset\": \"iris\", \"setings\": {\"epochs\": 1}}", "{\"plan-id\": \"x\", \"dataset\": \"iris\"}",
                "{\"dataset\": \"iris\", \"scaling\": {\"a\": {\"offset\": 0, \"scale\": 1, \"shift\": 2}}}")) {
            assertThatThrownBy(() -> plans.fromJson(json, TrainingPlanRequest.class)).as(json).isInstanceOf(JsonbException.class);
        }
        // PyGrid's shapes are not ours: other implementations may send more.
        assertThat(resolver.getContext(JoinRequest.class).fromJson("{\"node-id\": \"bob\", \"node-address\": null, \"x\": 1}",
                JoinRequest.class)).isEqualTo(new JoinRequest("bob", null));
    }

    @Test
    void writesAsBefore() {
        assertThat(jsonb.toJson(new SearchResponse(List.of(List.of("alice", "http://127.0.0.1:1")), List.of())))
                .isEqualTo("{\"node-addresses\":[[\"alice\",\"http://127.0.0.1:1\"]],\"unanswered-nodes\":[]}");
    }
}
