package org.gridplatform.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.gridplatform.api.GridException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthResourceTest {

    @TempDir
    java.nio.file.Path dir;

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyPasswordTheStoreAcceptsFitsInTheBasicHeader() throws Exception {
        String name = "n".repeat(UserStore.MAX_NAME);
        String cjk = "\u5bc6".repeat(UserStore.MAX_PASSWORD);                      // 3 UTF-8 bytes a char
        String emoji = "\uD83D\uDE00".repeat(UserStore.MAX_PASSWORD / 2);          // 4 bytes per 2 chars
        UserStore store = new UserStore(dir, AuthFixtures.fastHash(), Clock.systemUTC());
        store.create(name, Role.SCIENTIST, cjk);

        for (String password : new String[] {cjk, emoji}) {
            String header = basic(name + ":" + password);
            assertThat(header.length()).isLessThanOrEqualTo(AuthResource.MAX_BASIC_CHARS);
            assertThat(new String(AuthResource.basicCredentials(header))).isEqualTo(name + ":" + password);
        }
        char[] credentials = AuthResource.basicCredentials(basic(name + ":" + cjk));
        String password = new String(credentials, name.length() + 1, credentials.length - name.length() - 1);
        assertThat(store.authenticate(name, password.toCharArray())).map(UserStore.User::name).contains(name);
    }

    @Test
    void refusesHeadersThatAreNotBasicCredentialsOrTooLong() {
        for (String header : new String[] {null, "Basic", "Bearer x", "Basic !!!", "Basic " + "QUFB".repeat(AuthResource.MAX_BASIC_CHARS / 4),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {'o', (byte) 0xC0, (byte) 0xAF, ':', 'x'})}) {
            assertThatThrownBy(() -> AuthResource.basicCredentials(header)).as(header == null ? "none" : header.substring(0, Math.min(20, header.length())))
                    .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }
}
