package org.gridplatform.client.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code grid}: the command line of Grid. Errors are one clear line on standard error and a non-zero exit. */
@Command(name = "grid", mixinStandardHelpOptions = true, version = "Grid 0.1.0",
        description = "Run and use a Grid: gateways and nodes on Payara Micro, searches by dataset tag.",
        subcommands = {DemoCommand.class, UpCommand.class, GatewayCommand.class, NodeCommand.class,
                       SearchCommand.class, NodesCommand.class, DatasetsCommand.class, CommandLine.HelpCommand.class})
public final class GridCommand {

    private GridCommand() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
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
