package io.orderpipeline.cli;

import java.util.Locale;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.StackConfig;
import io.orderpipeline.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipeline} command: {@code up}, {@code down}, {@code status}, {@code logs}, {@code kill} and
 * {@code start} on a stack, {@code dlq}, {@code faults} and {@code bench}. Exit codes: 0 success, 1 the operation
 * failed (the message says why), 2 wrong usage (or, from {@code bench}, books that do not balance), 3 from
 * {@code status} when some component is not UP.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0",
        description = "Runs the order pipeline (Kafka broker + five services) as local processes.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, LogsCommand.class,
                KillCommand.class, StartCommand.class, DlqCommand.class, FaultsCommand.class, BenchCommand.class,
                ReconcileCommand.class})
public final class PipelineCli {

    static final int EXIT_FAILED = 1;
    static final int EXIT_NOT_UP = 3;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new PipelineCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Component.class, Component::parse)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof StackException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("pipeline: " + e.getMessage());
                        return EXIT_FAILED;
                    }
                    throw e;
                });
    }

    /** @return e.g. {@code binder kafka, db h2} */
    static String describe(StackConfig config) {
        return "binder " + config.binder().profile() + (config.cluster() ? " (3-node cluster)" : "") + ", db "
                + config.database().name().toLowerCase(Locale.ROOT);
    }
}
