package io.orderpipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code pipeline} command: {@code up}, {@code down}, {@code status}, {@code logs}, {@code kill} and
 * {@code start} on a {@link Stack}. Exit codes: 0 success, 1 the operation failed (the message says why),
 * 2 wrong usage, 3 from {@code status} when some component is not UP.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0",
        description = "Runs the order pipeline (Kafka broker + five services) as local processes.",
        subcommands = {PipelineCli.Up.class, PipelineCli.Down.class, PipelineCli.Status.class,
                PipelineCli.Logs.class, PipelineCli.Kill.class, PipelineCli.Start.class,
                DlqCommand.class,
                io.orderpipeline.cli.faults.FaultsCommand.class})
public final class PipelineCli {

    static final int EXIT_FAILED = 1;
    static final int EXIT_NOT_UP = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", description = "repository root holding the service jars (default: $PIPELINE_HOME, else the root this jar was built in)")
    Path repo;

    @Option(names = "--state-dir", description = "PID files, logs and data (default: <repo>/.pipeline)")
    Path stateDir;

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

    Path repoRoot() {
        if (repo != null) {
            return repo.toAbsolutePath().normalize();
        }
        String home = System.getenv("PIPELINE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return builtIn().orElse(Path.of("").toAbsolutePath());
    }

    /** The jar (or classes directory) lives at {@code <repo>/pipeline-cli/target/...}. */
    private static Optional<Path> builtIn() {
        try {
            Path location = Path.of(PipelineCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(location.getParent())
                    .map(Path::getParent)
                    .map(Path::getParent)
                    .filter(root -> Files.exists(root.resolve("pom.xml")));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path stateDir() {
        return stateDir != null ? stateDir.toAbsolutePath().normalize() : repoRoot().resolve(".pipeline");
    }

    /** The stack a previous {@code up} recorded in the state directory. */
    Stack attached() {
        return Stack.attach(repoRoot(), stateDir())
                .orElseThrow(() -> new StackException("no stack was started in " + stateDir() + "; run: pipeline up"));
    }

    private static String describe(StackConfig config) {
        return "binder " + config.binder().profile() + ", db " + config.database().name().toLowerCase(Locale.ROOT);
    }

    @Command(name = "up", description = "Starts the broker (for kafka) and the five services, waits until all are UP.")
    static final class Up implements Callable<Integer> {
        @ParentCommand
        PipelineCli parent;

        @Option(names = "--binder", defaultValue = "kafka", description = "kafka or rabbit (default: ${DEFAULT-VALUE})")
        Binder binder;

        @Option(names = "--db", defaultValue = "h2", description = "h2 or mysql (default: ${DEFAULT-VALUE})")
        Database database;

        @Option(names = {"-d", "--detach"}, description = "return once UP and leave the stack running")
        boolean detach;

        @Option(names = "--timeout", defaultValue = "180", description = "seconds to wait for UP (default: ${DEFAULT-VALUE})")
        long timeoutSeconds;

        @Option(names = "--port-base", defaultValue = "8080", description = "order-service port; the others follow (default: ${DEFAULT-VALUE})")
        int portBase;

        @Option(names = "--kafka-port", defaultValue = "9092", description = "broker port (default: ${DEFAULT-VALUE})")
        int kafkaPort;

        @Option(names = "--kafka-controller-port", defaultValue = "9093", description = "KRaft controller port (default: ${DEFAULT-VALUE})")
        int kafkaControllerPort;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = parent.spec.commandLine().getOut();
            StackConfig config = StackConfig.builder(parent.repoRoot())
                    .stateDir(parent.stateDir())
                    .binder(binder)
                    .database(database)
                    .servicePortBase(portBase)
                    .kafkaPorts(kafkaPort, kafkaControllerPort)
                    .healthTimeout(Duration.ofSeconds(timeoutSeconds))
                    .build();
            Stack stack = new Stack(config);
            out.println("Starting " + config.components() + " (" + describe(config) + "), logs in "
                    + config.stateDir().resolve("logs") + " ...");
            out.flush();
            // a Ctrl-C while starting, or in the foreground later, must not leave processes behind
            Thread stopOnExit = new Thread(() -> {
                System.err.println("pipeline: stopping the stack ...");
                stack.down();
            }, "pipeline-down");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                stack.up();
            } catch (RuntimeException e) {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                throw e;
            }
            printWelcome(out, stack);
            if (detach) {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                out.println("Running in the background. Stop it with: ./pipeline down");
                out.flush();
                return 0;
            }
            out.println("Press Ctrl-C to stop everything.");
            out.flush();
            Thread.currentThread().join();
            return 0;
        }

        private static void printWelcome(PrintWriter out, Stack stack) {
            out.println();
            out.println("The pipeline is UP (" + describe(stack.config()) + "):");
            for (Component component : stack.config().components()) {
                String where = component.isService() ? stack.baseUri(component).toString() : stack.kafkaBootstrapServers();
                out.printf("  %-18s %s%n", component, where);
            }
            String orders = stack.baseUri(Component.ORDER_SERVICE) + "/orders";
            out.println();
            out.println("Place an order:");
            out.println("  curl -i -X POST " + orders + " -H 'Content-Type: application/json' \\");
            out.println("       -d '{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}'");
            out.println("Then follow it, with the id from the response:");
            out.println("  curl -s " + orders + "/{id}");
            out.println();
        }
    }

    @Command(name = "down", description = "Stops every process of the stack (SIGTERM, then SIGKILL after a grace period).")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        PipelineCli parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            Optional<Stack> stack = Stack.attach(parent.repoRoot(), parent.stateDir());
            if (stack.isEmpty()) {
                out.println("Nothing to stop: no stack was started in " + parent.stateDir());
                return 0;
            }
            stack.get().down();
            out.println("Stopped.");
            return 0;
        }
    }

    @Command(name = "status", description = "Shows each process: pid, port, health. Exits 3 when any is not UP.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        PipelineCli parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            Optional<Stack> stack = Stack.attach(parent.repoRoot(), parent.stateDir());
            if (stack.isEmpty()) {
                out.println("No stack was started in " + parent.stateDir() + ".");
                return EXIT_NOT_UP;
            }
            out.println(describe(stack.get().config()) + ", state in " + parent.stateDir());
            out.printf("%-18s %8s %6s  %s%n", "COMPONENT", "PID", "PORT", "HEALTH");
            List<ComponentStatus> statuses = stack.get().status();
            for (ComponentStatus status : statuses) {
                String pid = status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-";
                out.printf("%-18s %8s %6d  %s%n", status.component(), pid, status.port(), status.health());
            }
            return statuses.stream().allMatch(s -> s.health() == Health.UP) ? 0 : EXIT_NOT_UP;
        }
    }

    @Command(name = "logs", description = "Prints the log of one component (kafka, order-service, ...).")
    static final class Logs implements Callable<Integer> {
        private static final long FOLLOW_POLL_MS = 250;

        @ParentCommand
        PipelineCli parent;

        @Parameters(paramLabel = "COMPONENT", description = "kafka, order-service, inventory-service, points-service, sms-service or coupon-service")
        Component component;

        @Option(names = {"-f", "--follow"}, description = "keep printing what is appended, until Ctrl-C")
        boolean follow;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path log = parent.stateDir().resolve("logs").resolve(component.id() + ".log");
            if (!Files.exists(log) && !follow) {
                throw new StackException("no log for " + component + " at " + log);
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            long position = 0;
            do {
                if (Files.exists(log)) {
                    position = copyFrom(log, position, out);
                }
                if (follow) {
                    Thread.sleep(FOLLOW_POLL_MS);
                }
            } while (follow);
            return 0;
        }

        /** Prints the bytes after {@code position}, from the start again if the file was truncated by a new {@code up}. */
        private static long copyFrom(Path log, long position, PrintWriter out) throws IOException {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                long from = length < position ? 0 : position;
                byte[] bytes = new byte[(int) Math.min(length - from, 1 << 20)];
                file.seek(from);
                file.readFully(bytes);
                out.print(new String(bytes, StandardCharsets.UTF_8));
                out.flush();
                return from + bytes.length;
            }
        }
    }

    @Command(name = "kill", description = "Kills one component with SIGKILL (no graceful shutdown).")
    static final class Kill implements Callable<Integer> {
        @ParentCommand
        PipelineCli parent;

        @Parameters(paramLabel = "COMPONENT", description = "kafka or a service name (order, order-service, ...)")
        Component component;

        @Override
        public Integer call() {
            Stack stack = parent.attached();
            long pid = stack.process(component)
                    .orElseThrow(() -> new StackException(component + " is not running"))
                    .pid();
            stack.kill(component);
            parent.spec.commandLine().getOut().println("Killed " + component + " (pid " + pid + ") with SIGKILL.");
            return 0;
        }
    }

    @Command(name = "start", description = "Starts one component again with the settings of the running stack, waits until UP.")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        PipelineCli parent;

        @Parameters(paramLabel = "COMPONENT", description = "kafka or a service name (order, order-service, ...)")
        Component component;

        @Override
        public Integer call() {
            Stack stack = parent.attached();
            stack.start(component);
            ComponentStatus status = stack.status(component);
            parent.spec.commandLine().getOut().println(component + " is UP (pid " + status.pid().orElse(-1)
                    + ", port " + status.port() + ").");
            return 0;
        }
    }
}
