package io.orderpipeline.cli.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.orderpipeline.cli.Binder;
import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.Database;
import io.orderpipeline.cli.Stack;
import io.orderpipeline.cli.StackConfig;
import io.orderpipeline.cli.dlq.DeadLetterConsole;
import io.orderpipeline.cli.faults.Accounting.Tally;
import io.orderpipeline.cli.faults.OrderDriver.Attempt;

/**
 * Runs fault scenarios against a real stack: the five services as processes on MySQL (so the accounting
 * reads their databases) and the chosen broker — the stack's own Kafka process, or the local RabbitMQ in a
 * virtual host of the suite's own. {@link #up()} starts from empty databases and an empty broker;
 * {@link #close()} stops everything and removes what {@code up} created (unless {@code keep}).
 */
public final class FaultSuite implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int MAX_DETAILS = 8;

    private final FaultSettings settings;
    private final PrintWriter out;
    private final Stack stack;
    private final Accounting accounting;
    private final MariaDbControl database;
    private final OrderDriver driver;
    private BrokerControl broker;

    public FaultSuite(FaultSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        StackConfig.Builder config = StackConfig.builder(settings.repoRoot())
                .stateDir(settings.stateDir())
                .binder(settings.binder())
                .database(Database.MYSQL)
                .servicePortBase(settings.portBase())
                .kafkaPorts(settings.kafkaPort(), settings.kafkaControllerPort())
                .healthTimeout(Duration.ofSeconds(300));
        for (Component service : Component.services()) {
            config.env(service, "MYSQL_DATABASE", settings.dbPrefix() + service.id().replace('-', '_'));
            config.env(service, "RABBITMQ_VHOST", settings.vhost());
        }
        this.stack = new Stack(config.build());
        this.accounting = new Accounting(FaultSettings.MYSQL_HOST, FaultSettings.MYSQL_PORT, settings.dbPrefix(),
                FaultSettings.MYSQL_USER, FaultSettings.MYSQL_PASSWORD);
        this.database = new MariaDbControl(FaultSettings.MYSQL_HOST, FaultSettings.MYSQL_PORT);
        this.driver = new OrderDriver(stack.baseUri(Component.ORDER_SERVICE));
    }

    /** Starts the stack on empty databases and an empty broker and waits until every service is UP. */
    public void up() {
        stack.down();
        accounting.dropDatabases();
        deleteRecursively(settings.stateDir().resolve("kafka"));
        if (settings.binder() == Binder.RABBIT) {
            RabbitControl.deleteVhostQuietly(settings.vhost());
            RabbitControl.createVhost(settings.vhost());
            broker = new RabbitControl(FaultSettings.RABBIT_HOST, FaultSettings.RABBIT_PORT, settings.vhost(),
                    FaultSettings.PARTITIONS);
        } else {
            broker = new KafkaControl(stack, FaultSettings.PARTITIONS);
        }
        log("starting the stack (" + settings.binder().profile() + ", mysql " + settings.dbPrefix() + "*, ports "
                + settings.portBase() + "+) ...");
        Instant started = Instant.now();
        stack.up();
        log("stack UP in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /** Runs the scenarios in the order given, each after the previous one drained. */
    public List<ScenarioResult> run(List<Scenario> scenarios) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            log("scenario " + scenario.label() + ": " + scenario.description());
            for (ScenarioResult result : scenario.run(this)) {
                results.add(result);
                log(String.format("  %-28s accepted %d, final %d, lost %d, duplicates %d, contradictions %d,"
                                + " dead-lettered %d/%d, drain %s -> %s", result.scenario(), result.accepted(),
                        result.finalOrders(), result.lost(), result.duplicates(), result.contradictions(),
                        result.deadLettered(), result.expectedDead(), ResultTable.drain(result.drain()),
                        result.passed() ? "PASS" : "FAIL"));
                result.violations().forEach(v -> log("    violation: " + v));
                result.details().forEach(d -> log("    " + d));
                if (!result.note().isEmpty()) {
                    log("    note: " + result.note());
                }
            }
        }
        return results;
    }

    /** Stops the stack; drops the databases and the virtual host unless {@code keep}. */
    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.close();
            }
            if (!settings.keep()) {
                stack.down();
            }
        } finally {
            if (!settings.keep()) {
                try {
                    accounting.dropDatabases();
                } finally {
                    if (settings.binder() == Binder.RABBIT) {
                        RabbitControl.deleteVhostQuietly(settings.vhost());
                    }
                }
            }
        }
    }

    // ---- what scenarios use -------------------------------------------------------------------------

    FaultSettings settings() {
        return settings;
    }

    Stack stack() {
        return stack;
    }

    BrokerControl broker() {
        return broker;
    }

    MariaDbControl database() {
        return database;
    }

    Accounting accounting() {
        return accounting;
    }

    /** @return a Prometheus counter summed over all series of all five services */
    double metricSum(String metric) {
        double sum = 0;
        for (Component service : Component.services()) {
            sum += Metrics.sum(stack.baseUri(service), metric);
        }
        return sum;
    }

    /** What {@code ./pipeline dlq list|replay} runs, against this suite's stack; it reports to the suite's output. */
    DeadLetterConsole deadLetterConsole() {
        return new DeadLetterConsole(stack.config(), out);
    }

    /** Starts a flow of {@code count} orders with new customers at the suite's rate. */
    OrderDriver.Flow flow(String tag, int count) {
        return flow(tag, count, settings.ratePerSecond(), 0, List.of("SKU-0010", "SKU-0020", "SKU-0030", "SKU-0040",
                "SKU-0050", "SKU-0060", "SKU-0070", "SKU-0080"));
    }

    OrderDriver.Flow flow(String tag, int count, int rate, int customers, List<String> skus) {
        Duration max = Duration.ofSeconds(Math.max(20, 3L * count / Math.max(1, rate)));
        return driver.start(new OrderDriver.Plan(settings.binder().profile() + "-" + tag + "-"
                + Long.toString(System.currentTimeMillis() % 1_000_000, 36), count, rate, 4, customers, skus, max));
    }

    void log(String line) {
        out.println("[faults " + settings.binder().profile() + "] " + line);
        out.flush();
    }

    /**
     * Waits until the orders of {@code attempts} drained (bounded by the drain timeout), then does the
     * accounting; dead letters are counted from {@code deadBefore} and, when the scenario expects some,
     * waited for too.
     *
     * @param healed when the fault was over (the service or broker back)
     */
    ScenarioResult account(String name, List<Attempt> attempts, Instant healed, long deadBefore, long expectedDead,
                           List<String> violations, String note) {
        Instant lastRequest = attempts.stream().map(Attempt::at).max(Comparator.naturalOrder()).orElse(healed);
        Instant from = lastRequest.isAfter(healed) ? lastRequest : healed;
        Instant deadline = Instant.now().plus(settings.drainTimeout());
        Tally tally = null;
        Duration drain = null;
        while (true) {
            try {
                tally = accounting.read(attempts);
                if (tally.drained()) {
                    drain = Duration.between(from, Instant.now());
                    break;
                }
            } catch (FaultException e) {
                log("  accounting read failed, retrying: " + e.getMessage());
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            Pause.of(POLL);
        }
        long dead = broker.deadLetterCount() - deadBefore;
        while (dead < expectedDead && Instant.now().isBefore(deadline)) {
            Pause.of(POLL);
            dead = broker.deadLetterCount() - deadBefore;
        }
        if (tally == null) {
            tally = accounting.read(attempts);
        }
        List<String> allViolations = new ArrayList<>(violations);
        if (tally.outboxBacklog() > 0) {
            allViolations.add(tally.outboxBacklog() + " outbox rows still unsent");
        }
        return new ScenarioResult(settings.binder().profile(), name, tally.attempted(), tally.accepted(),
                tally.finalOrders(), tally.lost(), tally.duplicates(), tally.contradictions(), dead, expectedDead, drain,
                allViolations, tally.problems().stream().limit(MAX_DETAILS).toList(), note);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
