package org.epicenter.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code epicenter <command>}: the one entry point of the jar. */
@Command(
        name = "epicenter",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted Internet outage detector: crowd reports, probes, status pages, root cause.",
        subcommands = {
            ServeCommand.class,
            AgentCommand.class,
            DetectCommand.class,
            SimulateCommand.class,
            EvaluateCommand.class,
            NabCommand.class,
            ClassifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"epicenter " + (v == null ? "development build" : v)};
        }
    }
}
