package io.orderpipeline.stack;

import java.util.OptionalLong;

/**
 * A snapshot of one component.
 *
 * @param component the component
 * @param pid       the OS process id, empty when it is not running
 * @param port      the TCP port it serves (HTTP for services, the Kafka listener for the broker)
 * @param health    what its health check answered at the time of the snapshot
 */
public record ComponentStatus(Component component, OptionalLong pid, int port, Health health) {
}
