package io.orderpipeline.cli.faults;

import java.nio.file.Path;
import java.time.Duration;

import io.orderpipeline.cli.Binder;

/**
 * How the fault suite runs.
 *
 * @param repoRoot         where the service jars are
 * @param stateDir         the suite's own stack state (PID files, logs, Kafka data); wiped at the start
 * @param binder           the broker under test
 * @param orders           orders per scenario run (scenario 1 in full mode: per killed service)
 * @param ratePerSecond    request rate of a flow
 * @param portBase         order-service's port; the other services follow
 * @param kafkaPort        the Kafka broker's client port
 * @param kafkaControllerPort the Kafka broker's controller port
 * @param dbPrefix         prefix of the services' MySQL databases, dropped at the start and the end
 * @param vhost            the RabbitMQ virtual host, created at the start and deleted at the end
 * @param drainTimeout     how long a scenario may take to drain before it counts what is missing as lost
 * @param quick            the fast subset: scenario 1 kills the four consumers at once instead of one by one
 * @param keep             leave the stack, the databases and the vhost in place at the end (to look at them)
 */
public record FaultSettings(Path repoRoot, Path stateDir, Binder binder, int orders, int ratePerSecond, int portBase,
                            int kafkaPort, int kafkaControllerPort, String dbPrefix, String vhost,
                            Duration drainTimeout, boolean quick, boolean keep) {

    /** The MySQL server the services use (the local one), and how the accounting logs in. */
    static final String MYSQL_HOST = "127.0.0.1";
    static final int MYSQL_PORT = 3306;
    static final String MYSQL_USER = "root";
    static final String MYSQL_PASSWORD = "";
    static final String RABBIT_HOST = "127.0.0.1";
    static final int RABBIT_PORT = 5672;
    static final int PARTITIONS = 4;
}
