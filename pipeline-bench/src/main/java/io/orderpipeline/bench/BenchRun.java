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

import io.orderpipeline.bench.BenchSettings.Scenario;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Database;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackConfig;

/**
 * One run of the benchmark ({@code ./pipeline bench}): starts the stack (MySQL-compatible database, RabbitMQ vhost
 * or a KRaft broker of its own), measures the baselines, runs the chosen scenarios and writes {@code report.md} and
 * PNG charts. Speed never changes the outcome; only the books do.
 */
public final class BenchRun {

    /** Exit code when every scenario's books balanced (lost 0, duplicates 0). */
    public static final int BALANCED = 0;

    /** Exit code when some scenario lost or duplicated something. */
    public static final int UNBALANCED = 2;

    private final BenchSettings settings;
    private String databaseSetting = "MySQL-compatible server";
    private volatile Stack running;

    public BenchRun(BenchSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs the benchmark and writes its report.
     *
     * @return {@link #BALANCED} or {@link #UNBALANCED}
     * @throws Exception when the stack, a baseline or a scenario fails (the stack is stopped first)
     */
    public int run() throws Exception {
        Path repoRoot = settings.repoRoot();
        Path results = settings.out() != null ? settings.out().toAbsolutePath()
                : repoRoot.resolve("results").resolve("bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(results);
        Path state = settings.stateDir() != null ? settings.stateDir().toAbsolutePath() : results.resolve("stack");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Stack stack = running;
            if (stack != null) {
                stack.down();
            }
        }));
        List<Binder> binders = switch (settings.binder()) {
            case RABBIT -> List.of(Binder.RABBIT);
            case KAFKA -> List.of(Binder.KAFKA);
            case BOTH -> List.of(Binder.RABBIT, Binder.KAFKA);
        };
        Baselines baselines = new Baselines(results, Duration.ofSeconds(settings.baselineSeconds()));
        Optional<Baselines.Figure> database = Optional.empty();
        List<Report.BinderResults> all = new ArrayList<>();
        boolean balanced = true;
        try (BenchEnvironment environment = new BenchEnvironment(settings.dbPrefix(), settings.vhost())) {
            String serverVersion = environment.serverVersion();
            environment.jdbcScheme(switch (settings.jdbcDriver()) {
                case MYSQL -> "mysql";
                case MARIADB -> "mariadb";
                case AUTO -> serverVersion.contains("MariaDB") ? "mariadb" : "mysql";
            });
            databaseSetting = "MySQL-compatible server " + serverVersion + ", databases " + settings.dbPrefix() + "*, services' JDBC driver "
                    + (environment.jdbcScheme().equals("mariadb") ? "MariaDB Connector/J" : "MySQL Connector/J");
            for (Binder b : binders) {
                environment.reset(b == Binder.RABBIT);
                if (!settings.skipBaselines() && database.isEmpty()) {
                    database = Optional.of(report("database baseline", baselines.database(environment)));
                }
                Optional<Baselines.Figure> brokerBaseline = Optional.empty();
                Optional<Scenarios.Burst> burst = Optional.empty();
                Optional<Scenarios.Steady> steady = Optional.empty();
                List<double[]> scale = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                if (settings.scenario() == Scenario.BURST || settings.scenario() == Scenario.ALL) {
                    Map<Component, Map<String, String>> caps = Map.of(
                            Component.INVENTORY_SERVICE, Map.of("INVENTORY_MAX_RATE_PER_SECOND", Integer.toString(settings.inventoryRate())),
                            Component.SMS_SERVICE, Map.of("SMS_RATE_LIMIT_PER_SECOND", Integer.toString(settings.smsRate())));
                    Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, caps, results);
                    try (Backlog backlog = backlog(b, environment, stack)) {
                        if (!settings.skipBaselines()) {
                            brokerBaseline = Optional.of(report(b.profile() + " baseline", b == Binder.RABBIT
                                    ? baselines.rabbit(environment.amqpUri())
                                    : baselines.kafka(stack.kafkaBootstrapServers(), settings.kafkaBaselineRecords())));
                        }
                        System.out.printf("bench: %s burst of %d orders at %.0f/s%n", b.profile(), settings.orders(), settings.burstRate());
                        Scenarios.Burst result = scenarios(stack, environment, backlog).burst(settings.orders(), settings.burstRate(), settings.warmup());
                        System.out.printf("bench: %s burst: accepted %d at %.0f/s, lost %d, duplicates %d, drained in %.1f s%n",
                                b.profile(), result.load().accepted(), result.load().acceptRate(), result.lost(),
                                result.duplicates(), result.drainSeconds());
                        balanced &= result.lost() == 0 && result.duplicates() == 0 && result.drained();
                        burst = Optional.of(result);
                    } finally {
                        down(stack);
                    }
                }
                if (settings.scenario() == Scenario.STEADY || settings.scenario() == Scenario.ALL) {
                    environment.reset(b == Binder.RABBIT);
                    Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, Map.of(), results);
                    try (Backlog backlog = backlog(b, environment, stack)) {
                        Scenarios.Steady result = scenarios(stack, environment, backlog).steady(settings.steadyStart(), settings.stepSeconds(), 8, settings.warmup());
                        steady = Optional.of(result);
                    } finally {
                        down(stack);
                    }
                }
                if (settings.scenario() == Scenario.SCALE || settings.scenario() == Scenario.ALL) {
                    for (int concurrency : new int[] {1, 2, 4}) {
                        environment.reset(b == Binder.RABBIT);
                        Map<String, String> env = b == Binder.KAFKA
                                ? Map.of("PIPELINE_CONSUMER_CONCURRENCY", Integer.toString(concurrency))
                                : Map.of("SPRING_CLOUD_STREAM_DEFAULT_CONSUMER_CONCURRENCY", Integer.toString(concurrency));
                        Map<Component, Map<String, String>> perService = new LinkedHashMap<>();
                        Component.services().forEach(service -> perService.put(service, env));
                        Stack stack = up(repoRoot, state.resolve(b.profile()), b, environment, perService, results);
                        try (Backlog backlog = backlog(b, environment, stack)) {
                            Scenarios.Burst result = scenarios(stack, environment, backlog).burst(settings.scaleOrders(), settings.burstRate(), settings.warmup());
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
        Path report = new Report(results).write(settings.commandLine(), settingsTable(), database, all);
        System.out.println("bench: report " + report);
        return balanced ? BALANCED : UNBALANCED;
    }

    private Stack up(Path repoRoot, Path state, Binder b, BenchEnvironment environment,
            Map<Component, Map<String, String>> extra, Path results) {
        List<String> jvm = new ArrayList<>(StackConfig.DEFAULT_SERVICE_JVM_OPTIONS);
        jvm.addAll(settings.jvmOptions());
        if (settings.jfr()) {
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
                .servicePortBase(settings.portBase())
                .kafkaPorts(settings.kafkaPort(), settings.kafkaControllerPort())
                .healthTimeout(Duration.ofSeconds(300))
                .bindAddress(settings.bindAddress())
                .serviceJvmOptions(jvm);
        for (Component service : Component.services()) {
            environment.environmentFor(service).forEach((key, value) -> config.env(service, key, value));
            extra.getOrDefault(service, Map.of()).forEach((key, value) -> config.env(service, key, value));
        }
        Stack stack = new Stack(config.build());
        running = stack;
        System.out.println("bench: starting the " + b.profile() + " stack (ports " + settings.portBase() + ".." + (settings.portBase() + 4) + ")");
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
        return new Scenarios(stack, environment, backlog, Duration.ofSeconds(settings.drainTimeoutSeconds()), settings.maxInFlight());
    }

    private static Baselines.Figure report(String what, Baselines.Figure figure) {
        System.out.printf("bench: %s: %.0f %s (%s)%n", what, figure.perSecond(), figure.unit(), figure.detail());
        return figure;
    }

    private Map<String, String> settingsTable() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("scenario", settings.scenario().name().toLowerCase());
        table.put("burst orders / offered rate", settings.orders() + " / " + settings.burstRate() + " orders/s (open model, latency from the scheduled time)");
        table.put("burst caps", "inventory " + settings.inventoryRate() + " orders/s (inventory.max-rate-per-second), SMS gateway " + settings.smsRate() + " msg/s");
        table.put("warm-up before each burst and the steady search", settings.warmup() + " orders at 50/s, drained before the measurement (counted in the books)");
        table.put("max HTTP requests in flight", Integer.toString(settings.maxInFlight()));
        table.put("database", databaseSetting);
        table.put("service JVMs", String.join(" ", StackConfig.DEFAULT_SERVICE_JVM_OPTIONS) + (settings.jvmOptions().isEmpty() ? "" : " " + String.join(" ", settings.jvmOptions()))
                + (settings.jfr() ? " + JFR (profile settings)" : ""));
        return table;
    }
}
