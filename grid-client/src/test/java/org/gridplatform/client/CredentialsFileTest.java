package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @TempDir
    Path dir;

    private Path write(String json, String permissions) throws Exception {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void findsANodeByIdThenByUrlThenTheDefault() throws Exception {
        CredentialsFile file = CredentialsFile.read(write("""
                {"nodes": {"alice": {"user": "bob", "password": "alice's password"},
                           "http://127.0.0.1:8082/": {"token": "t-8082"}},
                 "default": {"user": "bob", "password": "everywhere else"}}
                """, "rw-------"));
        assertThat(file.forNode("alice", URI.create("http://127.0.0.1:8081"))).contains(NodeCredentials.password("bob", "alice's password"));
        assertThat(file.forNode("carol", URI.create("http://127.0.0.1:8082"))).contains(NodeCredentials.token("t-8082"));
        assertThat(file.forNode("dora", URI.create("http://127.0.0.1:9999"))).contains(NodeCredentials.password("bob", "everywhere else"));
        assertThat(NodeCredentials.password("bob", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void refusesAFileOthersMayReadAndEntriesThatAreNeitherTokenNorPassword() throws Exception {
        assertThatThrownBy(() -> CredentialsFile.read(write("{}", "rw-r--r--")))
                .hasMessageContaining("may be read by other users").hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> CredentialsFile.read(write("{\"nodes\": {\"alice\": {\"user\": \"bob\"}}}", "rw-------")))
                .hasMessageContaining("the entry \"alice\" needs either \"token\", or \"user\" and \"password\"");
        assertThatThrownBy(() -> CredentialsFile.read(write("[1, 2]", "rw-------")))
                .hasMessageContaining("is not of the expected shape");
        assertThatThrownBy(() -> CredentialsFile.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }
}
