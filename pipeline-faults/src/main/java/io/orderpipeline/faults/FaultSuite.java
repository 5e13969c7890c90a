package io.orderpipeline.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.books.Accounting;
import io.orderpipeline.faults.books.Accounting.Tally;
import io.orderpipeline.faults.books.ServiceDatabases;
import io.orderpipeline.faults.broker.BrokerAdmin;
import io.orderpipeline.faults.broker.DeadLetterConsole;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Database;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackConfig;
import io.orderpipeline.stack.VirtualHosts;

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
    private final ServiceDatabases databases;
    private final Accounting accounting;
    private final MariaDbControl database;
    private final OrderDriver driver;
    private BrokerAdmin broker;

    public FaultSuite(FaultSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        StackConfig.Builder config = settings.stack().toBuilder()
                .database(Database.MYSQL)
                .healthTimeout(Duration.ofSeconds(300));
        this.databases = new ServiceDatabases(FaultSettings.MYSQL_HOST, FaultSettings.MYSQL_PORT,
                FaultSettings.MYSQL_USER, FaultSettings.MYSQL_PASSWORD, settings.dbPrefix());
        for (Component service : Component.services()) {
            config.env(service, "MYSQL_DATABASE", databases.database(service));
            if (!settings.stack().cluster()) {
                // a cluster of the stack's own is new at each up: its default vhost is the suite's
                config.env(service, "RABBITMQ_VHOST", settings.vhost());
            }
        }
        this.stack = new Stack(config.build());
        this.accounting = new Accounting(databases);
        this.database = new MariaDbControl(FaultSettings.MYSQL_HOST, FaultSettings.MYSQL_PORT);
        this.driver = new OrderDriver(stack.baseUri(Component.ORDER_SERVICE));
    }

    /** Starts the stack on empty databases and an empty broker (a new virtual host) and waits until every service is UP. */
    public void up() {
        stack.down();
        dropDatabases();
        for (String dir : List.of("kafka", "kafka-cluster", "rabbit-cluster")) {
            deleteRecursively(stack.config().stateDir().resolve(dir));
        }
        if (settings.binder() == Binder.RABBIT && !settings.stack().cluster()) {
            VirtualHosts.recreate(settings.vhost(), "guest");
        }
        broker = BrokerAdmin.of(stack);
        log("starting the stack (" + settings.binder().profile() + ", mysql " + settings.dbPrefix() + "*, ports "
                + stack.config().servicePortBase() + "+) ...");
        Instant started = Instant.now();
        stack.up();
        log("stack UP in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /** Runs the scenarios in the order given, each after the previous one drained. */
    public List<ScenarioResult> run(List<FaultScenario> scenarios) {
        List<ScenarioResult> results = new ArrayList<>();
        for (FaultScenario scenario : scenarios) {
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
                    dropDatabases();
                } finally {
                    if (settings.binder() == Binder.RABBIT && !settings.stack().cluster()) {
                        VirtualHosts.deleteQuietly(settings.vhost());
                    }
                }
            }
        }
    }

    // ---- what scenarios use -------------------------------------------------------------------------

    public FaultSettings settings() {
        return settings;
    }

    public Stack stack() {
        return stack;
    }

    public BrokerAdmin broker() {
        return broker;
    }

    public MariaDbControl database() {
        return database;
    }

    public Accounting accounting() {
        return accounting;
    }

    public ServiceDatabases databases() {
        return databases;
    }

    /**
     * Runs one statement in a service's database, e.g. to take a table away and bring it back.
     *
     * @throws FaultException when it fails
     */
    public void execute(Component service, String sql) {
        try {
            databases.execute(service, sql);
        } catch (SQLException e) {
            throw new FaultException("'" + sql + "' failed in " + databases.database(service) + ": " + e.getMessage(), e);
        }
    }

    /** @return a Prometheus counter summed over all series of all five services */
    public double metricSum(String metric) {
        double sum = 0;
        for (Component service : Component.services()) {
            sum += metric(service, metric);
        }
        return sum;
    }

    /** @return a Prometheus counter of one service, summed over its series */
    public double metric(Component service, String metric) {
        return Metrics.sum(stack.baseUri(service), metric);
    }

    /** What {@code ./pipeline dlq list|replay} runs, against this suite's stack; it reports to the suite's output. */
    public DeadLetterConsole deadLetterConsole() {
        return new DeadLetterConsole(broker, out);
    }

    /** Starts a flow of {@code count} orders with new customers at the suite's rate. */
    public OrderDriver.Flow flow(String tag, int count) {
        return flow(tag, count, settings.ratePerSecond(), 0, List.of("SKU-0010", "SKU-0020", "SKU-0030", "SKU-0040",
                "SKU-0050", "SKU-0060", "SKU-0070", "SKU-0080"));
    }

    public OrderDriver.Flow flow(String tag, int count, int rate, int customers, List<String> skus) {
        Duration max = Duration.ofSeconds(Math.max(20, 3L * count / Math.max(1, rate)));
        return driver.start(new OrderDriver.Plan(settings.binder().profile() + "-" + tag + "-"
                + Long.toString(System.currentTimeMillis() % 1_000_000, 36), count, rate, 4, customers, skus, max));
    }

    public void log(String line) {
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
    public ScenarioResult account(String name, List<Attempt> attempts, Instant healed, long deadBefore, long expectedDead,
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

    private void dropDatabases() {
        try {
            databases.dropAll();
        } catch (SQLException e) {
            throw new FaultException("cannot drop the " + settings.dbPrefix() + "* databases: " + e.getMessage(), e);
        }
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
