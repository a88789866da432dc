package org.gridplatform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridplatform.node.OperatorToken.Verdict;
import org.junit.jupiter.api.Test;

class OperatorTokenTest {

    private static final String TOKEN = "0123456789abcdef-secret";
    // printf %s 0123456789abcdef-secret | sha256sum
    private static final String HASH = "850ae3f423335b60148d3fc45c468884cba122418f4a7f0f48dd51265016d160";

    @Test
    void withoutATokenPublishingIsDisabled() {
        OperatorToken token = OperatorToken.of(null, null);
        assertThat(token.configured()).isFalse();
        assertThat(token.check("Bearer " + TOKEN)).isEqualTo(Verdict.DISABLED);
    }

    @Test
    void thePlainTokenIsCheckedFromTheBearerHeader() {
        OperatorToken token = OperatorToken.of(TOKEN, null);
        assertThat(token.check("Bearer " + TOKEN)).isEqualTo(Verdict.ALLOWED);
        assertThat(token.check("bearer " + TOKEN)).isEqualTo(Verdict.ALLOWED);
        assertThat(token.check("Bearer " + TOKEN + "x")).isEqualTo(Verdict.WRONG);
        assertThat(token.check("Basic " + TOKEN)).isEqualTo(Verdict.MISSING);
        assertThat(token.check(null)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void theHashIsTheTokensSha256() {
        OperatorToken token = OperatorToken.of(null, HASH);
        assertThat(token.check("Bearer " + TOKEN)).isEqualTo(Verdict.ALLOWED);
        assertThat(token.check("Bearer wrong-token-wrong-token")).isEqualTo(Verdict.WRONG);
    }

    @Test
    void configurationErrorsSayHowToFixThem() {
        assertThatThrownBy(() -> OperatorToken.of(TOKEN, HASH)).hasMessageStartingWith(
                "Both grid.node.operator-token and grid.node.operator-token-hash are set; set only one");
        assertThatThrownBy(() -> OperatorToken.of("short", null)).hasMessage("Invalid value for grid.node.operator-token: "
                + "the token has fewer than 16 characters; use a random one, for example: openssl rand -hex 32");
        assertThatThrownBy(() -> OperatorToken.of(null, "abc")).hasMessage("Invalid value for grid.node.operator-token-hash: "
                + "write the token's SHA-256 as 64 hex digits, for example the output of: printf %s \"$TOKEN\" | sha256sum");
    }
}
