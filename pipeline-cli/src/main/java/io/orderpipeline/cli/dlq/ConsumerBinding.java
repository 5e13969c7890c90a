package io.orderpipeline.cli.dlq;

import java.util.List;
import java.util.Map;

import io.orderpipeline.cli.Component;

/**
 * A destination a service consumes, with its consumer group (the service's name), as in the README's
 * message contract table.
 *
 * @param destination the exchange / topic, e.g. {@code orders.confirmed}
 * @param group       the consumer group, e.g. {@code points-service}
 */
record ConsumerBinding(String destination, String group) {

    private static final Map<Component, List<String>> CONSUMED = Map.of(
            Component.ORDER_SERVICE, List.of("stock.checked"),
            Component.INVENTORY_SERVICE, List.of("orders.placed"),
            Component.POINTS_SERVICE, List.of("orders.confirmed"),
            Component.SMS_SERVICE, List.of("orders.confirmed", "orders.rejected"),
            Component.COUPON_SERVICE, List.of("orders.confirmed"));

    /** @return the bindings of a service; none for the broker */
    static List<ConsumerBinding> of(Component service) {
        return CONSUMED.getOrDefault(service, List.of()).stream()
                .map(destination -> new ConsumerBinding(destination, service.id()))
                .toList();
    }

    /** @return the RabbitMQ dead-letter queue: {@code <destination>.<group>.dlq} */
    String rabbitQueue() {
        return destination + "." + group + ".dlq";
    }

    /** @return the Kafka dead-letter topic: {@code error.<destination>.<group>} */
    String kafkaTopic() {
        return "error." + destination + "." + group;
    }
}
