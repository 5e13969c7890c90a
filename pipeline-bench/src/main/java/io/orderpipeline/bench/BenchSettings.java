package io.orderpipeline.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark run does; {@code ./pipeline bench} fills it from its options (see there for the defaults).
 *
 * @param binder               the brokers to measure, one after the other
 * @param scenario             which scenarios run
 * @param orders               orders in the burst
 * @param warmup               orders sent at 50/s before a burst and the steady search, not measured
 * @param burstRate            offered rate of the burst, orders/s
 * @param inventoryRate        inventory's consumer cap in the burst, orders/s
 * @param smsRate              the SMS gateway's limit in the burst, msg/s
 * @param repoRoot             the repository holding the service jars
 * @param out                  the results folder; null for {@code <repo>/results/bench-<time>}
 * @param stateDir             the stacks' state; null for {@code <out>/stack}
 * @param portBase             order-service's port; the other services follow
 * @param kafkaPort            the broker's client port
 * @param kafkaControllerPort  the broker's KRaft controller port
 * @param bindAddress          the services' {@code server.address}
 * @param dbPrefix             prefix of the run's databases, dropped at the end
 * @param vhost                the RabbitMQ virtual host of the run, deleted at the end
 * @param baselineSeconds      length of the PerfTest and insert baselines, s
 * @param kafkaBaselineRecords records ProducerPerformance sends
 * @param skipBaselines        measure no baselines (ratios become n/a)
 * @param drainTimeoutSeconds  how long to wait for the pipeline to drain, s
 * @param maxInFlight          outstanding HTTP requests at most
 * @param steadyStart          first offered rate of the steady search, orders/s
 * @param stepSeconds          length of one steady step, s
 * @param scaleOrders          orders per scale point
 * @param jvmOptions           extra options for every service JVM: the knob a run measures
 * @param jdbcDriver           the services' JDBC driver
 * @param jfr                  record a JFR profile of each service into {@code <out>/jfr}
 * @param commandLine          the command as typed, for the report
 */
public record BenchSettings(BinderChoice binder, Scenario scenario, long orders, long warmup, double burstRate,
        int inventoryRate, int smsRate, Path repoRoot, Path out, Path stateDir, int portBase, int kafkaPort,
        int kafkaControllerPort, String bindAddress, String dbPrefix, String vhost, int baselineSeconds,
        long kafkaBaselineRecords, boolean skipBaselines, int drainTimeoutSeconds, int maxInFlight, double steadyStart,
        int stepSeconds, long scaleOrders, List<String> jvmOptions, JdbcDriver jdbcDriver, boolean jfr,
        String commandLine) {

    public BenchSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The brokers a run measures. */
    public enum BinderChoice { RABBIT, KAFKA, BOTH }

    /** The scenarios a run measures. */
    public enum Scenario { BURST, STEADY, SCALE, ALL }

    /**
     * The services' JDBC driver: MySQL Connector/J, MariaDB Connector/J, or MariaDB's when the server is MariaDB
     * (whose timestamps Connector/J truncates to whole seconds).
     */
    public enum JdbcDriver { AUTO, MYSQL, MARIADB }
}
