package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiFormatTest {

    @Test
    void knowsYamlAndJsonInAnyCase() {
        assertThat(OpenApiFormat.allKnown(null)).isTrue();
        assertThat(OpenApiFormat.allKnown(new String[] {"yaml"})).isTrue();
        assertThat(OpenApiFormat.allKnown(new String[] {"JSON", "Yaml"})).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(OpenApiFormat.allKnown(new String[] {"\0"})).isFalse();
        assertThat(OpenApiFormat.allKnown(new String[] {""})).isFalse();
        assertThat(OpenApiFormat.allKnown(new String[] {"xml"})).isFalse();
        assertThat(OpenApiFormat.allKnown(new String[] {"json", "yml"})).isFalse();
        assertThat(OpenApiFormat.allKnown(new String[] {"json "})).isFalse();
    }
}
