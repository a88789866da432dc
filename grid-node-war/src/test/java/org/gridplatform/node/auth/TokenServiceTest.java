package org.gridplatform.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final UserStore.User BOB = new UserStore.User("bob", Role.SCIENTIST, 3, NOW);

    @TempDir
    Path dir;

    private TokenService at(Instant now, String node) throws Exception {
        return new TokenService(TokenService.loadOrCreateKey(dir), node, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenCarriesItsUserRoleGenerationAndExpiry() throws Exception {
        TokenService.Issued issued = at(NOW, "alice").issue(BOB);
        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(at(NOW.plusSeconds(60), "alice").verify(issued.token()))
                .contains(new TokenService.Claims("bob", Role.SCIENTIST, 3, NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void refusesExpiredForeignTamperedAndUnsignedTokens() throws Exception {
        String token = at(NOW, "alice").issue(BOB).token();
        assertThat(at(NOW.plus(Duration.ofMinutes(61)), "alice").verify(token)).as("expired").isEmpty();
        assertThat(at(NOW, "carol").verify(token)).as("another node's id").isEmpty();

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("scientist", "owner");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThat(at(NOW, "alice").verify(tampered)).as("role changed").isEmpty();

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        assertThat(at(NOW, "alice").verify(none)).as("alg none").isEmpty();
        assertThat(at(NOW, "alice").verify("x".repeat(TokenService.MAX_TOKEN_CHARS + 1))).isEmpty();
        assertThat(at(NOW, "alice").verify("not a token")).isEmpty();
    }

    @Test
    void aNewKeyFileInvalidatesEveryToken() throws Exception {
        String token = at(NOW, "alice").issue(BOB).token();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(TokenService.KEY_FILE)))).isEqualTo("rw-------");
        Files.delete(dir.resolve(TokenService.KEY_FILE));
        assertThat(at(NOW, "alice").verify(token)).isEmpty();
    }
}
