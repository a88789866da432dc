package org.gridplatform.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeAuthTest {

    @TempDir
    Path dir;

    private NodeAuth.Setup setUp(Optional<String> password, Optional<String> hash) throws Exception {
        return NodeAuth.setUp(dir, "alice", AuthFixtures.fastHash(), 10_000, "1h", "owner", password, hash, Clock.systemUTC());
    }

    @Test
    void theFirstStartWithoutAPasswordMakesOneOnceAndNeverAgain() throws Exception {
        NodeAuth.Setup first = setUp(Optional.empty(), Optional.empty());
        String made = first.madeOwnerPassword().orElseThrow();
        assertThat(first.users().authenticate("owner", made.toCharArray())).map(UserStore.User::role).contains(Role.OWNER);
        NodeAuth.Setup second = setUp(Optional.empty(), Optional.empty());
        assertThat(second.madeOwnerPassword()).isEmpty();
        assertThat(second.users().authenticate("owner", made.toCharArray())).isPresent();
        assertThat(NodeAuth.firstStartMessage("owner", made)).contains(made).contains("shown only this once");
    }

    @Test
    void aConfiguredPasswordOrHashSetsTheOwner() throws Exception {
        assertThat(setUp(Optional.of("configured password"), Optional.empty()).users()
                .authenticate("owner", "configured password".toCharArray())).isPresent();
        String hash = AuthFixtures.fastHash().generate("hashed password!".toCharArray());
        assertThat(setUp(Optional.empty(), Optional.of(hash)).users().authenticate("owner", "hashed password!".toCharArray())).isPresent();
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> setUp(Optional.of("configured password"), Optional.of("x")))
                .hasMessageStartingWith("Both grid.node.owner-password and grid.node.owner-password-hash are set");
        assertThatThrownBy(() -> setUp(Optional.of("short"), Optional.empty()))
                .hasMessageStartingWith("Invalid value for grid.node.owner-password: A password has 12 to 1024 characters");
        assertThatThrownBy(() -> setUp(Optional.empty(), Optional.of("plain")))
                .hasMessageStartingWith("Invalid value for grid.node.owner-password-hash");
        assertThatThrownBy(() -> NodeAuth.setUp(dir, "alice", AuthFixtures.fastHash(), 10_000, "2d", "owner", Optional.empty(),
                Optional.empty(), Clock.systemUTC())).hasMessageContaining("grid.node.auth.token-lifetime");
        assertThatThrownBy(() -> NodeAuth.setUp(dir, "alice", AuthFixtures.fastHash(), 5, "1h", "owner", Optional.empty(),
                Optional.empty(), Clock.systemUTC())).hasMessageContaining("grid.node.auth.pbkdf2-iterations");
    }
}
