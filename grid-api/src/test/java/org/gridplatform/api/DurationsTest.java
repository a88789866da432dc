package org.gridplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsShortAndIsoForms() {
        assertThat(Durations.parse("500ms", "k")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 2s ", "k")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("5m", "k")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h", "k")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT30S", "k")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void namesTheKeyAndTheFormsWhenWrong() {
        assertThatThrownBy(() -> Durations.parse("soon", "grid.search.timeout"))
                .hasMessage("Invalid duration for grid.search.timeout: \"soon\"; use a number with ms, s, m or h "
                        + "(such as 2s or 500ms), or ISO-8601 such as PT30S");
        assertThatThrownBy(() -> Durations.parse("-PT1S", "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
