package org.gridplatform.client.cli;

import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridplatform.api.auth.UserAnswer;
import org.gridplatform.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grid users}: a node's users, for its owners. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage a node's users (owners only; sign in with --user or a token).",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.Password.class,
                UsersCommand.Delete.class, UsersCommand.Me.class})
final class UsersCommand {

    /** What every users subcommand takes: the node and how to sign in to it. */
    static class Target {
        @Option(names = "--node", required = true, description = "The node, such as http://127.0.0.1:8181.")
        URI node;

        @Mixin
        CredentialOptions credentials;

        @Mixin
        TrustOptions trustOptions;

        @Spec
        CommandSpec spec;

        NodeClient client() {
            return new NodeClient(node, credentials.forNode(null, node), trustOptions.sslContext());
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void show(UserAnswer user) {
            PrintWriter out = out();
            out.println(user.name() + " (" + user.role() + ")");
            if (user.password() != null) {
                out.println("password: " + user.password() + "   (shown only this once; the node keeps only its hash)");
            }
            out.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the node's users.")
    static final class ListUsers extends Target implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (NodeClient client = client()) {
                var users = client.users();
                if (json) {
                    out().println(JsonbBuilder.create().toJson(new org.gridplatform.api.auth.UserList(users)));
                } else {
                    Table table = new Table("name", "role", "created");
                    users.forEach(u -> table.row(u.name(), u.role(), u.createdAt()));
                    table.print(out());
                }
                out().flush();
                return 0;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the node makes the password unless "
            + "--new-password-file gives one.")
    static final class Add extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The new user's name (a-z 0-9 . _ -).")
        String name;

        @Option(names = "--role", defaultValue = "scientist", description = "scientist or owner (default: ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "A file whose first line is the new password.")
        Path newPasswordFile;

        @Override
        public Integer call() throws IOException {
            try (NodeClient client = client()) {
                show(client.addUser(name, role, firstLine(newPasswordFile)));
                return 0;
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set a user's password (owners, or the user "
            + "themself); their earlier tokens stop working.")
    static final class Password extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The user.")
        String name;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "A file whose first line is the new password.")
        Path newPasswordFile;

        @Override
        public Integer call() throws IOException {
            try (NodeClient client = client()) {
                show(client.setPassword(name, firstLine(newPasswordFile)));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user; their tokens stop working at once.")
    static final class Delete extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The user.")
        String name;

        @Override
        public Integer call() {
            try (NodeClient client = client()) {
                client.deleteUser(name);
                out().println("deleted " + name);
                out().flush();
                return 0;
            }
        }
    }

    @Command(name = "me", mixinStandardHelpOptions = true, description = "Show whom the credentials sign in as.")
    static final class Me extends Target implements Callable<Integer> {
        @Override
        public Integer call() {
            try (NodeClient client = client()) {
                var me = client.me();
                out().println(me.user() + " (" + me.role() + ") on " + me.node() + ", token valid until " + me.expiresAt());
                out().flush();
                return 0;
            }
        }
    }

    private static String firstLine(Path file) throws IOException {
        return file == null ? null : Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    }
}
