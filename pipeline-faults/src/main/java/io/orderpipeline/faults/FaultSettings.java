package io.orderpipeline.faults;

import java.time.Duration;
import java.util.Objects;

import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.StackConfig;

/**
 * How the fault suite runs.
 *
 * @param stack         the suite's own stack: repository, state directory (wiped at the start), binder, ports, bind
 *                      address, extra service JVM options and environment; the suite adds MySQL and the databases
 * @param orders        orders per scenario run (scenario 1 in full mode: per killed service)
 * @param ratePerSecond request rate of a flow
 * @param dbPrefix      prefix of the services' MySQL databases, dropped at the start and the end
 * @param vhost         the RabbitMQ virtual host, created at the start and deleted at the end (so its queues are
 *                      new: a queue's type, classic or quorum, cannot change)
 * @param drainTimeout  how long a scenario may take to drain before it counts what is missing as lost
 * @param quick         the fast subset: scenario 1 kills the four consumers at once instead of one by one
 * @param keep          leave the stack, the databases and the vhost in place at the end (to look at them)
 */
public record FaultSettings(StackConfig stack, int orders, int ratePerSecond, String dbPrefix, String vhost,
                            Duration drainTimeout, boolean quick, boolean keep) {

    /** The MySQL server the services use (the local one), and how the accounting logs in. */
    public static final String MYSQL_HOST = "127.0.0.1";
    public static final int MYSQL_PORT = 3306;
    public static final String MYSQL_USER = "root";
    public static final String MYSQL_PASSWORD = "";

    public FaultSettings {
        Objects.requireNonNull(stack, "stack");
    }

    /** @return the broker under test */
    public Binder binder() {
        return stack.binder();
    }
}
