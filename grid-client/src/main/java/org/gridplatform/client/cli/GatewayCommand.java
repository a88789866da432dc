package org.gridplatform.client.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridplatform.client.launch.Distribution;
import org.gridplatform.client.launch.LocalGrid;
import org.gridplatform.client.launch.ServerProcess;
import org.gridplatform.client.launch.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grid gateway}: runs a gateway in the foreground. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run a gateway on 127.0.0.1 in the foreground, until Ctrl-C.")
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--search-timeout", defaultValue = "2s",
            description = "How long each node gets to answer a search (default: ${DEFAULT-VALUE}).")
    String searchTimeout;

    @Mixin
    ServerTlsOptions tlsOptions;

    @Mixin
    TrustOptions trustOptions;

    @Override
    public Integer call() throws Exception {
        int httpsPort = tlsOptions.httpsPort(null);
        ServerTls tls = tlsOptions.serverTls(trustOptions.load());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("grid.discovery.central.search-timeout", searchTimeout);
        Distribution dist = Distribution.locate();
        try (ServerProcess gateway = ServerProcess.start(dist, dist.gatewayWar(), "gateway", port, httpsPort, config,
                LocalGrid.GATEWAY_HEAP, List.of(), List.of(), null, tls)) {
            Thread hook = Servers.closeOnExit(gateway);
            gateway.awaitReady(Duration.ofMinutes(3));
            System.out.println("Gateway ready at " + Servers.listeners(gateway, tls)
                    + "  (POST /join, POST /search, GET /health-check, GET /nodes)");
            int code = gateway.handle().onExit().thenApply(p -> 0).get();
            Servers.removeHook(hook);
            return code;
        }
    }
}
