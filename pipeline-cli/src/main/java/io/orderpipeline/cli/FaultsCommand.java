package io.orderpipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.orderpipeline.faults.FaultException;
import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSettings;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.ResultTable;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.faults.scenario.Scenarios;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline faults}: starts its own stack (services on MySQL, the chosen broker), runs fault scenarios
 * against it and prints the accounting of each. Exit code 0 when every scenario passed (lost 0, duplicate
 * effects 0, contradictions 0, only the expected dead letters, drained in time), 1 otherwise.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Runs the fault suite against a real stack of its own and prints Jepsen-style accounting.",
                "Scenarios: 1 consumer-kill, 2 order-kill, 3 broker-restart, 4 broker-down, 5 db-restart,"
                        + " 6 duplicates, 7 poison, 8 ordering (default: all).",
                "Needs MySQL/MariaDB on 127.0.0.1:3306 (root, no password) that it may kill -9 and restart, and for"
                        + " --binder rabbit the local RabbitMQ (rabbitmqctl). The services get this process's"
                        + " environment, e.g. PIPELINE_RABBIT_QUORUM=true for quorum queues."})
final class FaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--binder", defaultValue = "rabbit", description = "rabbit or kafka (default: ${DEFAULT-VALUE})")
    Binder binder;

    @Option(names = "--orders", defaultValue = "200", description = "orders per scenario run (default: ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--rate", defaultValue = "40", description = "orders per second in a flow (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--db-prefix", defaultValue = "faults_", description = "prefix of the services' MySQL databases, dropped before and after (default: ${DEFAULT-VALUE})")
    String dbPrefix;

    @Option(names = "--vhost", defaultValue = "faults", description = "RabbitMQ virtual host, created and deleted (default: ${DEFAULT-VALUE})")
    String vhost;

    @Option(names = "--drain-timeout", defaultValue = "120", description = "seconds a scenario may take to drain (default: ${DEFAULT-VALUE})")
    long drainSeconds;

    @Option(names = "--quick", description = "the fast subset: scenario 1 kills the four consumers at once")
    boolean quick;

    @Option(names = "--keep", description = "leave the stack, databases and vhost in place afterwards")
    boolean keep;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "numbers or names; default: all")
    List<String> scenarios = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<FaultScenario> selected = scenarios.isEmpty() ? Scenarios.ALL : scenarios.stream().map(Scenarios::parse).toList();
        StackConfig config = stack.config(stack.location.stateDir(stack.location.repoRoot().resolve(".pipeline")
                        .resolve("faults-" + binder.profile())), 8180, 9192)
                .binder(binder)
                .build();
        FaultSettings settings = new FaultSettings(config, orders, rate, dbPrefix, vhost, Duration.ofSeconds(drainSeconds),
                quick, keep);
        List<ScenarioResult> results;
        try (FaultSuite suite = new FaultSuite(settings, out)) {
            suite.up();
            results = suite.run(selected);
        } catch (FaultException e) {
            spec.commandLine().getErr().println("pipeline faults: " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("Fault suite, binder " + binder.profile() + ", " + orders + " orders per scenario run:");
        ResultTable.print(results, out);
        boolean passed = results.stream().allMatch(ScenarioResult::passed);
        out.println(passed ? "PASS: no loss, no duplicate effects, nothing out of order."
                : "FAIL: see the rows marked FAIL and the problems logged above.");
        return passed ? 0 : 1;
    }
}
