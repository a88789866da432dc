package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests' parser of {@code GET /metrics}, on text in the shape Payara writes. */
class PrometheusTextTest {

    private static final String PAYARA = """
            # TYPE grid_joins_total counter
            # HELP grid_joins_total POST /join requests: new nodes, refreshes of registered nodes, refused joins
            grid_joins_total{mp_scope="application",outcome="refused"} 0.0
            grid_joins_total{mp_scope="application",outcome="new"} 3.0
            # TYPE grid_search_seconds summary
            grid_search_seconds{mp_scope="application",quantile="0.5"} 0.031198052
            grid_search_seconds_count{mp_scope="application"} 4.0
            odd{path="C:\\\\data \\"x\\"\\nend", le="+Inf"} +Inf 1700000000000
            up 1
            """;

    @Test
    void readsSamplesLabelsAndTypes() {
        PrometheusText text = PrometheusText.parse(PAYARA);
        assertThat(text.samples()).hasSize(6);
        assertThat(text.value("grid_joins_total", "outcome", "new")).isEqualTo(3.0);
        assertThat(text.value("grid_joins_total", "mp_scope", "application", "outcome", "refused")).isZero();
        assertThat(text.value("grid_search_seconds", "quantile", "0.5")).isEqualTo(0.031198052);
        assertThat(text.value("grid_search_seconds_count")).isEqualTo(4.0);
        assertThat(text.value("up")).isEqualTo(1.0);
        assertThat(text.value("odd")).isInfinite();
        assertThat(text.samples().get(4).labels()).isEqualTo(Map.of("path", "C:\\data \"x\"\nend", "le", "+Inf"));
        assertThat(text.type("grid_joins_total")).contains("counter");
        assertThat(text.type("grid_search_seconds")).contains("summary");
        assertThat(text.has("grid_nodes")).isFalse();
    }

    @Test
    void aValueNeedsExactlyOneMatchingSample() {
        PrometheusText text = PrometheusText.parse(PAYARA);
        assertThatThrownBy(() -> text.value("grid_joins_total")).isInstanceOf(AssertionError.class).hasMessageContaining("2 samples");
        assertThatThrownBy(() -> text.value("grid_nodes", "state", "up")).isInstanceOf(AssertionError.class).hasMessageContaining("0 samples");
    }

    @Test
    void malformedLinesAreRefusedWithTheirNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbad{a=\"1\" 2\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Line 2 ");
        assertThatThrownBy(() -> PrometheusText.parse("name{a=1} 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusText.parse("name{a=\"1\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrometheusText.parse("name{a=\"1\"} x")).isInstanceOf(IllegalArgumentException.class);
    }
}
