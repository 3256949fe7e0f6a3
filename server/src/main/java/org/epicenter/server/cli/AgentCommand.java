package org.epicenter.server.cli;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.epicenter.server.Agent;
import org.epicenter.server.Durations;
import org.epicenter.server.ProbeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epicenter agent}: probes from another location, for a server. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the server's probes from this machine's location and push the results to the server.",
            "Keeps probing and keeps results while the server is away; delivers them when it is back."
        })
final class AgentCommand implements Callable<Integer> {
    @Option(
            names = "--server",
            required = true,
            defaultValue = "${env:EPICENTER_SERVER}",
            description = "The server's URL, e.g. https://status.example.com (env EPICENTER_SERVER).")
    String server;

    @Option(
            names = "--token",
            required = true,
            defaultValue = "${env:EPICENTER_AGENT_TOKEN}",
            description = "The server's agent token (or its admin token) (env EPICENTER_AGENT_TOKEN).")
    String token;

    @Option(
            names = "--location",
            required = true,
            defaultValue = "${env:EPICENTER_LOCATION}",
            description = "This location's name, e.g. riyadh (env EPICENTER_LOCATION).")
    String location;

    @Option(
            names = "--probe-allow",
            defaultValue = "${env:EPICENTER_PROBE_ALLOW:-}",
            description =
                    "Comma-separated internal address ranges probes may reach (env EPICENTER_PROBE_ALLOW; default none).")
    String allow;

    @Option(
            names = "--refresh",
            defaultValue = "${env:EPICENTER_AGENT_REFRESH:-30s}",
            description =
                    "How often assignments are fetched again (env EPICENTER_AGENT_REFRESH, default ${DEFAULT-VALUE}).")
    String refresh;

    @Override
    public Integer call() throws Exception {
        Agent agent;
        try {
            agent = new Agent(
                    URI.create(server),
                    token,
                    location,
                    ProbeSettings.ranges(allow),
                    Durations.parse(refresh),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("epicenter agent: " + e.getMessage());
            return 2;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            stopped.countDown();
                        },
                        "epicenter-agent-shutdown"));
        agent.start();
        System.out.printf("Epicenter agent %s probing for %s%n", location, server);
        stopped.await();
        return 0;
    }
}
