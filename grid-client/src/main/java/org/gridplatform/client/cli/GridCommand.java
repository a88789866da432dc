package org.gridplatform.client.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grid}: the command line of Grid. Errors are one clear line on standard error and a non-zero exit. */
@Command(name = "grid", mixinStandardHelpOptions = true, version = "Grid 0.1.0",
        description = "Run and use a Grid: gateways and nodes on Payara Micro, searches by dataset tag, federated training.",
        subcommands = {DemoCommand.class, UpCommand.class, GatewayCommand.class, NodeCommand.class,
                       SearchCommand.class, NodesCommand.class, DatasetsCommand.class, TrainCommand.class, UsersCommand.class,
                       HashPasswordCommand.class, CommandLine.HelpCommand.class})
public final class GridCommand {

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private GridCommand() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        // Tribuo logs every model it builds at INFO (the 0-epoch trainer that wraps the final parameters).
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line, for tests */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GridCommand());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("grid: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 1;
        });
        return cli;
    }
}
