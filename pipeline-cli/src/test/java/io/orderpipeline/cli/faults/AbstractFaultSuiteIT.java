package io.orderpipeline.cli.faults;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.orderpipeline.cli.Binder;
import io.orderpipeline.cli.FreePorts;
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

    @Test
    void losesNothingAndDuplicatesNoEffectUnderEveryFault() {
        String name = binder().profile();
        int ports = FreePorts.block(7);
        FaultSettings settings = new FaultSettings(Path.of("").toAbsolutePath().getParent(), stateDir, binder(),
                ORDERS, 20, ports, ports + 5, ports + 6, "faultsit_" + name + "_", "faults-it-" + name,
                Duration.ofSeconds(90), true, false);
        StringWriter log = new StringWriter();
        List<ScenarioResult> results;
        try (PrintWriter out = new PrintWriter(log, true);
             FaultSuite suite = new FaultSuite(settings, new PrintWriter(new TeeWriter(out), true))) {
            suite.up();
            results = suite.run(Arrays.asList(Scenario.values()));
        }
        StringWriter table = new StringWriter();
        ResultTable.print(results, new PrintWriter(table));
        System.out.println(table);

        assertThat(results).as("one result per scenario").hasSize(Scenario.values().length);
        assertThat(results)
                .as("every scenario passes: lost 0, duplicate effects 0, no contradiction, only the poison"
                        + " dead-lettered, drained in time%n%s%n%s", table, log)
                .allMatch(ScenarioResult::passed);
    }

    /** A base port with the four after it free too (the five services). */
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
