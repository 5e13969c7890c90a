package io.orderpipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.orderpipeline.bench.BenchRun;
import io.orderpipeline.bench.BenchSettings;
import io.orderpipeline.bench.BenchSettings.BinderChoice;
import io.orderpipeline.bench.BenchSettings.JdbcDriver;
import io.orderpipeline.bench.BenchSettings.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline bench}: the benchmark ({@link BenchRun}). Exit code 0 when every scenario's books balance
 * (lost 0, duplicates 0), 2 when not, 1 on an error. Speed never changes the exit code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks the pipeline against the raw broker and database on this machine.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

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

    @Option(names = "--jdbc-driver", defaultValue = "auto", description = "the services' JDBC driver: mysql (Connector/J),"
            + " mariadb (MariaDB Connector/J) or auto, mariadb when the server is MariaDB, whose timestamps Connector/J"
            + " truncates to whole seconds (default: ${DEFAULT-VALUE})")
    JdbcDriver jdbcDriver;

    @Option(names = "--jfr", description = "record a JFR profile of each service into <out>/jfr")
    boolean jfr;

    @Override
    public Integer call() throws Exception {
        String args = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String typed = "pipeline " + (args.startsWith("bench") ? args : "bench " + args);
        BenchSettings settings = new BenchSettings(binder, scenario, orders, warmup, burstRate, inventoryRate, smsRate,
                stack.location.repoRoot(), out, stack.location.stateDir, stack.portBase(18080), stack.kafkaPort(19092),
                stack.kafkaControllerPort(19093), stack.bindAddress(), dbPrefix, vhost, baselineSeconds,
                kafkaBaselineRecords, skipBaselines, drainTimeoutSeconds, maxInFlight, steadyStart, stepSeconds,
                scaleOrders, stack.jvmOptions, jdbcDriver, jfr, typed.strip());
        return new BenchRun(settings).run();
    }
}
