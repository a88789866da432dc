package org.gridplatform.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.gridplatform.api.GridException;
import org.gridplatform.api.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {

    @TempDir
    Path dir;

    private UserStore store() throws Exception {
        return new UserStore(dir, AuthFixtures.fastHash(), Clock.systemUTC());
    }

    @Test
    void keepsOnlyHashesOwnerOnlyAndSurvivesARestart() throws Exception {
        UserStore store = store();
        store.create("alice", Role.OWNER, "correct horse battery");
        store.create("bob", Role.SCIENTIST, "another long password");

        String file = Files.readString(dir.resolve(UserStore.FILE), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("correct horse battery").doesNotContain("another long password")
                .contains("PBKDF2WithHmacSHA256:1024:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(UserStore.FILE)))).isEqualTo("rw-------");

        UserStore again = store();
        assertThat(again.list()).extracting(UserStore.User::name).containsExactly("alice", "bob");
        assertThat(again.authenticate("bob", "another long password".toCharArray())).map(UserStore.User::role).contains(Role.SCIENTIST);
        assertThat(again.authenticate("bob", "wrong password!!".toCharArray())).isEmpty();
        assertThat(again.authenticate("nobody", "another long password".toCharArray())).isEmpty();
    }

    @Test
    void makesAPasswordWhenNoneIsGivenAndAnswersItOnce() throws Exception {
        UserStore.Created created = store().create("carol", Role.SCIENTIST, null);
        assertThat(created.madePassword()).hasSize(24);
        assertThat(store().authenticate("carol", created.madePassword().toCharArray())).isPresent();
    }

    @Test
    void aNewPasswordRevokesEarlierTokensByTheGeneration() throws Exception {
        UserStore store = store();
        store.create("bob", Role.SCIENTIST, "another long password");
        long before = store.find("bob").orElseThrow().generation();
        store.setPassword("bob", "a brand new password");
        assertThat(store.find("bob").orElseThrow().generation()).isEqualTo(before + 1);
        assertThat(store.authenticate("bob", "another long password".toCharArray())).isEmpty();
        assertThat(store.authenticate("bob", "a brand new password".toCharArray())).isPresent();
    }

    @Test
    void refusesBadNamesShortPasswordsTwinsAndDeletingTheLastOwner() throws Exception {
        UserStore store = store();
        store.create("alice", Role.OWNER, "correct horse battery");
        assertThatThrownBy(() -> store.create("../etc", Role.SCIENTIST, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1 to 64 of a-z");
        assertThatThrownBy(() -> store.create("bob", Role.SCIENTIST, "short")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("12 to 1024 characters");
        assertThatThrownBy(() -> store.create("alice", Role.SCIENTIST, null)).isInstanceOf(GridException.class)
                .hasMessageStartingWith("A user named alice exists");
        assertThatThrownBy(() -> store.delete("alice")).isInstanceOf(GridException.class)
                .hasMessageContaining("only owner");
        assertThatThrownBy(() -> store.delete("zed")).hasMessageStartingWith("No user is named zed");
        store.create("dora", Role.OWNER, null);
        store.delete("alice");
        assertThat(store().list()).extracting(UserStore.User::name).containsExactly("dora");
    }

    @Test
    void ensureOwnerCreatesResetsOrLeavesTheOwnerAlone() throws Exception {
        UserStore store = store();
        store.ensureOwner("owner", "first configured pw", null);
        long generation = store.find("owner").orElseThrow().generation();
        store.ensureOwner("owner", "first configured pw", null);
        assertThat(store.find("owner").orElseThrow().generation()).as("same password: tokens stay good").isEqualTo(generation);
        store.ensureOwner("owner", "second configured pw", null);
        assertThat(store.find("owner").orElseThrow().generation()).isEqualTo(generation + 1);
        assertThat(store.authenticate("owner", "second configured pw".toCharArray())).isPresent();
    }

    @Test
    void refusesACorruptFileWithAMessageThatSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve(UserStore.FILE), "{\"version\": 1, \"users\": [{\"name\": \"x\", \"role\": \"king\"}]}");
        assertThatThrownBy(this::store).hasMessageContaining("is not a Grid users file").hasMessageContaining("restore it");
    }
}
