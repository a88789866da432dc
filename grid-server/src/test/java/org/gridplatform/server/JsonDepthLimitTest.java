package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gridplatform.api.GridException;
import org.gridplatform.api.JoinRequest;
import org.gridplatform.api.Limits;
import org.gridplatform.api.auth.PasswordRequest;
import org.junit.jupiter.api.Test;

class JsonDepthLimitTest {

    private static InputStream counted(String json) {
        return new JsonDepthLimit.DepthCounting(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Limits.MAX_JSON_DEPTH);
    }

    @Test
    void aBodyNestedThousandsDeepIsRefusedAsItIsReadInsteadOfOverflowingTheStack() {
        Jsonb jsonb = new StrictJsonb().getContext(PasswordRequest.class);
        for (String json : List.of("{\"password\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "{\"password\": \"x\", \"y\": " + "{\"a\": ".repeat(50_000) + "1" + "}".repeat(50_000) + "}")) {
            // On a small stack, as a request thread's could be: without the limit this overflows it.
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread reading = new Thread(null, () -> {
                try {
                    jsonb.fromJson(counted(json), PasswordRequest.class);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "small stack", 256 * 1024);
            reading.start();
            assertThat(reading).satisfies(Thread::join);
            assertThat(thrown.get()).isInstanceOf(JsonbException.class)
                    .rootCause().isInstanceOfSatisfying(GridException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessage("The JSON body nests arrays and objects more than 32 deep; no request here needs more than a few levels");
        }
    }

    @Test
    void bracketsInStringsAndShallowNestingPass() {
        Jsonb jsonb = new StrictJsonb().getContext(JoinRequest.class);
        String id = "[[[[{{{{\\\"[[[[" + "[".repeat(100);
        JoinRequest join = jsonb.fromJson(counted("{\"node-id\": \"" + id + "\", \"tag-sets\": " + "[".repeat(2) + "\"#a\""
                + "]".repeat(2) + "}"), JoinRequest.class);
        assertThat(join.nodeId()).isEqualTo("[[[[{{{{\"[[[[" + "[".repeat(100));
        assertThat(join.tagSets()).containsExactly(List.of("#a"));
        String deepest = "[".repeat(Limits.MAX_JSON_DEPTH) + "]".repeat(Limits.MAX_JSON_DEPTH);
        assertThat(jsonb.fromJson(counted(deepest), Object.class)).isNotNull();
    }

    @Test
    void countsNestingOutsideStringsOnly() {
        assertThat(JsonDepthLimit.nestsDeeperThan("{\"run-id\": \"[[[[[[[[[[[[[[[[[[[[\\\"[[[[[[[[\"}", 2)).isFalse();
        assertThat(JsonDepthLimit.nestsDeeperThan("[[[]]]", 2)).isTrue();
        assertThat(JsonDepthLimit.nestsDeeperThan("[[]][[]]", 2)).isFalse();
    }
}
