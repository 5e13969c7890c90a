package io.orderpipeline.cli.faults;

import java.util.List;

/**
 * A destination of the pipeline and the consumer groups reading it, as the services bind them (see the
 * message contract in the README). The dead-letter destination of a group is {@code <name>.<group>.dlq} on
 * RabbitMQ and {@code error.<name>.<group>} on Kafka.
 *
 * @param name   the destination, e.g. {@code orders.confirmed}
 * @param groups the consumer groups, one per consuming service
 */
record Destination(String name, List<String> groups) {

    static final Destination ORDERS_PLACED = new Destination("orders.placed", List.of("inventory-service"));
    static final Destination STOCK_CHECKED = new Destination("stock.checked", List.of("order-service"));
    static final Destination ORDERS_CONFIRMED = new Destination("orders.confirmed",
            List.of("points-service", "sms-service", "coupon-service"));
    static final Destination ORDERS_REJECTED = new Destination("orders.rejected", List.of("sms-service"));

    static final List<Destination> ALL = List.of(ORDERS_PLACED, STOCK_CHECKED, ORDERS_CONFIRMED, ORDERS_REJECTED);

    static Destination named(String name) {
        return ALL.stream().filter(d -> d.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown destination " + name));
    }

    /**
     * The partition a producer of the pipeline picks for a key: Spring Cloud Stream's default selector,
     * {@code abs(abs(key.hashCode()) % partitions)} (with {@code Integer.MIN_VALUE} taken as 0).
     */
    static int partition(String key, int partitions) {
        int hash = key.hashCode();
        if (hash == Integer.MIN_VALUE) {
            hash = 0;
        }
        return Math.abs(Math.abs(hash) % partitions);
    }
}
