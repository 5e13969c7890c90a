package io.orderpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.orderpipeline.cli.Binder;
import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.Database;
import io.orderpipeline.cli.Stack;
import io.orderpipeline.cli.StackConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline bench}: starts the stack (MySQL-compatible database, RabbitMQ vhost or a KRaft broker of
 * its own), measures the baselines, runs the chosen scenarios and writes {@code report.md} and PNG charts.
 * Exit code 0 when every scenario's books balance (lost 0, duplicates 0), 2 when not, 1 on an error.
 * Speed never changes the exit code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks the pipeline against the raw broker and database on this machine.")
public final class BenchCli implements Callable<Integer> {

    enum BinderChoice { RABBIT, KAFKA, BOTH }

    enum Scenario { BURST, STEADY, SCALE, ALL }

    enum JdbcDriver { AUTO, MYSQL, MARIADB }

    @Option(names = "--binder", defaultValue = "both", description = "rabbit, kafka or both (default: ${DEFAULT-VALUE})")
    BinderChoice binder;

    @Option(names = "--scenario", defaultValue = "burst", description = "burst, steady, scale or all (default: ${DEFAULT-VALUE})")
    Scenario scenario;

    @Option(names = "--orders", defaultValue = "20000", description = "orders in the burst (default: ${DEFAULT-VALUE})")
    long orders;

    @Option(names = "--warmup", defaultValue = "300", description = "orders sent at 50/s before a burst, not measured (default: ${DEFAULT-VALUE})")
    long warmup;

    @Option(names = "--burst-rate", defaultValue = "2500", description = "offered rate of the burst, orders/s (default: ${DEFAULT-VALUE})")
    double burstRate;

    @Option(names = "--inventory-rate", defaultValue = "300", description = "inventory's consumer cap in the burst, orders/s (default: ${DEFAULT-VALUE})")
    int inventoryRate;

    @Option(names = "--sms-rate", defaultValue = "200", description = "SMS gateway limit in the burst, msg/s (default: ${DEFAULT-VALUE})")
    int smsRate;

    @Option(names = "--out", description = "results folder (default: <repo>/results/bench-<time>)")
    Path out;

    @Option(names = "--repo", description = "repository root holding the service jars (default: $PIPELINE_HOME, else .)")
    Path repo;

    @Option(names = "--state-dir", description = "PID files, logs and Kafka data (default: <out>/stack)")
    Path stateDir;

    @Option(names = "--port-base", defaultValue = "18080", description = "order-service port, the others follow (default: ${DEFAULT-VALUE})")
    int portBase;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "(default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "19093", description = "(default: ${DEFAULT-VALUE})")
    int kafkaControllerPort;

    @Option(names = "--db-prefix", defaultValue = "bench_", description = "prefix of the run's databases, dropped at the end (default: ${DEFAULT-VALUE})")
    String dbPrefix;

    @Option(names = "--vhost", defaultValue = "bench", description = "RabbitMQ virtual host of the run, deleted at the end (default: ${DEFAULT-VALUE})")
    String vhost;

    @Option(names = "--baseline-seconds", defaultValue = "10", description = "length of the PerfTest and insert baselines (default: ${DEFAULT-VALUE})")
    int baselineSeconds;

    @Option(names = "--kafka-baseline-records", defaultValue = "300000", description = "records ProducerPerformance sends (default: ${DEFAULT-VALUE})")
    long kafkaBaselineRecords;

    @Option(names = "--skip-baselines", description = "measure no baselines (ratios become n/a)")
    boolean skipBaselines;

    @Option(names = "--drain-timeout", defaultValue = "300", description = "seconds to wait for the pipeline to drain (default: ${DEFAULT-VALUE})")
    int drainTimeoutSeconds;

    @Option(names = "--max-in-flight", defaultValue = "256", description = "outstanding HTTP requests at most (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--steady-start", defaultValue = "100", description = "first offered rate of the steady search, orders/s (default: ${DEFAULT-VALUE})")
    double steadyStart;

    @Option(names = "--step-seconds", defaultValue = "20", description = "length of one steady step (default: ${DEFAULT-VALUE})")
    int stepSeconds;

    @Option(names = "--scale-orders", defaultValue = "3000", description = "orders per scale point (default: ${DEFAULT-VALUE})")
    long scaleOrders;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "an extra option for every service JVM, repeatable: a JVM flag (-XX:TieredStopAtLevel=1) or a"
                    + " Spring property as a system property (-Dspring.threads.virtual.enabled=true); the knob a run measures")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--jdbc-driver", defaultValue = "auto", description = "the services' JDBC driver: mysql (Connector/J),"
            + " mariadb (MariaDB Connector/J) or auto, mariadb when the server is MariaDB, whose timestamps Connector/J"
            + " truncates to whole seconds (default: ${DEFAULT-VALUE})")
    JdbcDriver jdbcDriver;

    @Option(names = "--jfr", description = "record a JFR profile of each service into <out>/jfr")
    boolean jfr;

    private final List<String> rawArgs = new ArrayList<>();
    private String databaseSetting = "MySQL-compatible server";
    private volatile Stack running;

    public static void main(String[] args) {
        BenchCli bench = new BenchCli();
        bench.rawArgs.addAll(List.of(args));
        System.exit(new CommandLine(bench).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repoRoot = repoRoot();
        Path results = out != null ? out.toAbsolutePath()
                : repoRoot.resolve("results").resolve("bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(results);
        Path state = stateDir != null ? stateDir.toAbsolutePath() : results.resolve("stack");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Stack stack = running;
            if (stack != null) {
                stack.down();
            }
        }));
        List<Binder> binders = switch (binder) {
            case RABBIT -> List.of(Binder.RABBIT);
            case KAFKA -> List.of(Binder.KAFKA);
            case BOTH -> List.of(Binder.RABBIT, Binder.KAFKA);
        };
        Baselines baselines = new Baselines(results, Duration.ofSeconds(baselineSeconds));
        Optional<Baselines.Figure> database = Optional.empty();
        List<Report.BinderResults> all = new ArrayList<>();
        boolean balanced = true;
        try (BenchEnvironment environment = new BenchEnvironment(dbPrefix, vhost)) {
            String serverVersion = environment.serverVersion();
            environment.jdbcScheme(switch (jdbcDriver) {
                case MYSQL -> "mysql";
                case MARIADB -> "mariadb";
                case AUTO -> serverVersion.contains("MariaDB") ? "mariadb" : "mysql";
            });
            databaseSetting = "MySQL-compatible server " + serverVersion + ", databases " + dbPrefix + "*, services' JDBC driver "
                    + (environment.jdbcScheme().equals("mariadb") ? "MariaDB Connector/J" : "MySQL Connector/J");
            for (Binder b : binders) {
                environment.reset(b == Binder.RABBIT);
                if (!skipBaselines && database.isEmpty()) {
                    database = Optional.of(report("database baseline", baselines.database(environment)));
                }
                Optional<Baselines.Figure> brokerBaseline = Optional.empty();
                Optional<Scenarios.Burst> burst = Optional.empty();
                Optional<Scenarios.Steady> steady = Optional.empty();
                List<double[]> scale = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                if (scenario == Scenario.BURST || scenario == Scenario.ALL) {
                    Map<Component, Map<String, String>> caps = Map.of(
                            Component.INVENTORY_SERVICE, Map.of("INVENTORY_MAX_RATE_PER_SECOND", Integer.toString(inventoryRate)),
                            Component.SMS_SERVICE, Map.of("SMS_GATEWAY_RATE_LIMIT_PER_SECOND", Integer.toString(smsRate)));
                    Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, caps, results);
                    try (Backlog backlog = backlog(b, environment, stack)) {
                        if (!skipBaselines) {
                            brokerBaseline = Optional.of(report(b.profile() + " baseline", b == Binder.RABBIT
                                    ? baselines.rabbit(environment.amqpUri())
                                    : baselines.kafka(stack.kafkaBootstrapServers(), kafkaBaselineRecords)));
                        }
                        System.out.printf("bench: %s burst of %d orders at %.0f/s%n", b.profile(), orders, burstRate);
                        Scenarios.Burst result = scenarios(stack, environment, backlog).burst(orders, burstRate, warmup);
                        System.out.printf("bench: %s burst: accepted %d at %.0f/s, lost %d, duplicates %d, drained in %.1f s%n",
                                b.profile(), result.load().accepted(), result.load().acceptRate(), result.lost(),
                                result.duplicates(), result.drainSeconds());
                        balanced &= result.lost() == 0 && result.duplicates() == 0 && result.drained();
                        burst = Optional.of(result);
                    } finally {
                        down(stack);
                    }
                }
                if (scenario == Scenario.STEADY || scenario == Scenario.ALL) {
                    environment.reset(b == Binder.RABBIT);
                    Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, Map.of(), results);
                    try (Backlog backlog = backlog(b, environment, stack)) {
                        Scenarios.Steady result = scenarios(stack, environment, backlog).steady(steadyStart, stepSeconds, 8, warmup);
                        steady = Optional.of(result);
                    } finally {
                        down(stack);
                    }
                }
                if (scenario == Scenario.SCALE || scenario == Scenario.ALL) {
                    for (int concurrency : new int[] {1, 2, 4}) {
                        environment.reset(b == Binder.RABBIT);
                        Map<String, String> env = b == Binder.KAFKA
                                ? Map.of("PIPELINE_CONSUMER_CONCURRENCY", Integer.toString(concurrency))
                                : Map.of("SPRING_CLOUD_STREAM_DEFAULT_CONSUMER_CONCURRENCY", Integer.toString(concurrency));
                        Map<Component, Map<String, String>> perService = new LinkedHashMap<>();
                        Component.services().forEach(service -> perService.put(service, env));
                        Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, perService, results);
                        try (Backlog backlog = backlog(b, environment, stack)) {
                            Scenarios.Burst result = scenarios(stack, environment, backlog).burst(scaleOrders, burstRate, warmup);
                            balanced &= result.lost() == 0 && result.duplicates() == 0 && result.drained();
                            scale.add(new double[] {concurrency,
                                    result.processingRate().getOrDefault(Component.INVENTORY_SERVICE, 0.0),
                                    result.processingRate().getOrDefault(Component.POINTS_SERVICE, 0.0),
                                    result.drainSeconds()});
                        } finally {
                            down(stack);
                        }
                    }
                    if (b == Binder.RABBIT) {
                        notes.add("scale on RabbitMQ raises the consumers per partition queue (4 queues per group):"
                                + " above 1 it gives up the per-order ordering, so it is a measurement only.");
                    }
                }
                all.add(new Report.BinderResults(b, brokerBaseline, burst, steady, scale, notes));
            }
        }
        Path report = new Report(results).write("pipeline bench " + String.join(" ", rawArgs), settings(), database, all);
        System.out.println("bench: report " + report);
        return balanced ? 0 : 2;
    }

    private Stack up(Path repoRoot, Path state, Binder b, BenchEnvironment environment,
            Map<Component, Map<String, String>> extra, Path results) {
        List<String> jvm = new ArrayList<>(StackConfig.DEFAULT_SERVICE_JVM_OPTIONS);
        jvm.addAll(jvmOptions);
        if (jfr) {
            Path dir = results.resolve("jfr").resolve(b.profile());
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // a directory: each JVM writes hotspot-pid-<pid>-....jfr there (JDK 17 does not expand %p)
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir);
        }
        StackConfig.Builder config = StackConfig.builder(repoRoot)
                .stateDir(state)
                .binder(b)
                .database(Database.MYSQL)
                .servicePortBase(portBase)
                .kafkaPorts(kafkaPort, kafkaControllerPort)
                .healthTimeout(Duration.ofSeconds(300))
                .serviceJvmOptions(jvm);
        for (Component service : Component.services()) {
            environment.environmentFor(service).forEach((key, value) -> config.env(service, key, value));
            extra.getOrDefault(service, Map.of()).forEach((key, value) -> config.env(service, key, value));
        }
        Stack stack = new Stack(config.build());
        running = stack;
        System.out.println("bench: starting the " + b.profile() + " stack (ports " + portBase + ".." + (portBase + 4) + ")");
        stack.up();
        return stack;
    }

    private void down(Stack stack) {
        stack.down();
        running = null;
    }

    private Backlog backlog(Binder b, BenchEnvironment environment, Stack stack) {
        return b == Binder.RABBIT ? new Backlog.Rabbit(environment.amqpUri()) : new Backlog.Kafka(stack.kafkaBootstrapServers());
    }

    private Scenarios scenarios(Stack stack, BenchEnvironment environment, Backlog backlog) {
        return new Scenarios(stack, environment, backlog, Duration.ofSeconds(drainTimeoutSeconds), maxInFlight);
    }

    private static Baselines.Figure report(String what, Baselines.Figure figure) {
        System.out.printf("bench: %s: %.0f %s (%s)%n", what, figure.perSecond(), figure.unit(), figure.detail());
        return figure;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("scenario", scenario.name().toLowerCase());
        settings.put("burst orders / offered rate", orders + " / " + burstRate + " orders/s (open model, latency from the scheduled time)");
        settings.put("burst caps", "inventory " + inventoryRate + " orders/s (inventory.max-rate-per-second), SMS gateway " + smsRate + " msg/s");
        settings.put("warm-up before each burst and the steady search", warmup + " orders at 50/s, drained before the measurement (counted in the books)");
        settings.put("max HTTP requests in flight", Integer.toString(maxInFlight));
        settings.put("database", databaseSetting);
        settings.put("service JVMs", String.join(" ", StackConfig.DEFAULT_SERVICE_JVM_OPTIONS) + (jvmOptions.isEmpty() ? "" : " " + String.join(" ", jvmOptions))
                + (jfr ? " + JFR (profile settings)" : ""));
        return settings;
    }

    private Path repoRoot() {
        if (repo != null) {
            return repo.toAbsolutePath().normalize();
        }
        String home = System.getenv("PIPELINE_HOME");
        return home != null && !home.isBlank() ? Path.of(home).toAbsolutePath().normalize() : Path.of("").toAbsolutePath();
    }
}
