package io.orderpipeline.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSettings;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.ResultTable;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.faults.scenario.Scenarios;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.FreePorts;
import io.orderpipeline.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast subset of the fault suite: every scenario, small counts, against a real stack (five service
 * processes on the local MySQL/MariaDB, the real broker). It needs MariaDB on 127.0.0.1:3306 (which it kills
 * and restarts once) and, for RabbitMQ, the local broker with {@code rabbitmqctl}; without them the stack
 * does not start and the test fails, it never skips.
 */
abstract class AbstractFaultSuiteIT {

    private static final int ORDERS = 12;

    @TempDir
    Path stateDir;

    abstract Binder binder();

    /** @return a short name for the run's databases and virtual host, e.g. {@code rabbit} */
    String runName() {
        return binder().profile();
    }

    /** @return extra environment for every service, e.g. quorum queues */
    Map<String, String> serviceEnvironment() {
        return Map.of();
    }

    /** Checks the stack the suite started, before the scenarios run; nothing by default. */
    void verifyStack(FaultSettings settings) {
    }

    /** @return orders per scenario; default 12 */
    int orders() {
        return ORDERS;
    }

    /** @return whether the suite runs on the binder's three-node cluster ({@code pipeline up --cluster}); default no */
    boolean cluster() {
        return false;
    }

    /** @return the scenarios to run; default all */
    List<FaultScenario> scenarios() {
        return Scenarios.ALL;
    }

    @Test
    void losesNothingAndDuplicatesNoEffectUnderEveryFault() {
        String name = runName();
        Instant began = Instant.now();
        // services + 0..4, the broker + 5 and + 6; a Kafka cluster + 5..+ 10, a RabbitMQ cluster + 11..+ 30
        int ports = FreePorts.block(cluster() ? 31 : 7);
        StackConfig.Builder stack = StackConfig.builder(Path.of("").toAbsolutePath().getParent())
                .stateDir(stateDir)
                .binder(binder())
                .servicePortBase(ports)
                .kafkaPorts(ports + 5, ports + 6)
                .cluster(cluster())
                .rabbitClusterPort(ports + 11);
        for (Component service : Component.services()) {
            serviceEnvironment().forEach((key, value) -> stack.env(service, key, value));
        }
        FaultSettings settings = new FaultSettings(stack.build(), orders(), 20, "faultsit_" + name + "_",
                "faults-it-" + name, Duration.ofSeconds(90), true, false);
        StringWriter log = new StringWriter();
        List<ScenarioResult> results;
        try (PrintWriter out = new PrintWriter(log, true);
             FaultSuite suite = new FaultSuite(settings, new PrintWriter(new TeeWriter(out), true))) {
            suite.up();
            verifyStack(settings);
            results = suite.run(scenarios());
        }
        StringWriter table = new StringWriter();
        ResultTable.print(results, new PrintWriter(table));
        System.out.println(table);
        System.out.println(getClass().getSimpleName() + " took " + Duration.between(began, Instant.now()).toSeconds()
                + " s (stack up, scenarios, stack down)");

        assertThat(results).as("one result per scenario").hasSize(scenarios().size());
        assertThat(results)
                .as("every scenario passes: lost 0, duplicate effects 0, no contradiction, only the poison"
                        + " dead-lettered, drained in time%n%s%n%s", table, log)
                .allMatch(ScenarioResult::passed);
    }

    /** Writes the suite's progress both to the test log and to the assertion message. */
    private static final class TeeWriter extends java.io.Writer {
        private final PrintWriter copy;

        TeeWriter(PrintWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            System.out.print(new String(buffer, offset, length));
            copy.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            System.out.flush();
            copy.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
