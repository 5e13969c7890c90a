package io.orderpipeline.faults.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.faults.broker.OutboxEvent;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.stack.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Genuinely reordered events for orders that are already final: each has a NEW eventId (so the inbox's duplicate
 * check does not catch it) and a sequence at or below what its consumer group has applied for that order (so only
 * the sequence check can), as when a broker redelivers an old event under another id or a producer re-sends one.
 * An order's events carry sequence 1 (OrderPlaced), 2 (inventory's StockReserved / StockRejected) and 3 (the outcome,
 * OrderConfirmed / OrderRejected). Counts per consuming group are kept, so the scenario can check that each group
 * counted exactly the stale events it received.
 */
final class StaleEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<OutboxEvent> events = new ArrayList<>();
    private final Map<Component, Integer> perGroup = new EnumMap<>(Component.class);

    /**
     * For a CONFIRMED order (its outbox OrderConfirmed, sequence 3):
     * <ul>
     *   <li>an OrderRejected of sequence 2 on orders.rejected: the opposite outcome, older than the one applied;</li>
     *   <li>an OrderConfirmed of sequence 3 on orders.confirmed: the already-applied outcome again, on one destination;</li>
     *   <li>a StockRejected of sequence 2 on stock.checked: the opposite stock answer at the already-applied sequence.</li>
     * </ul>
     */
    void forConfirmed(OutboxEvent confirmed) {
        ObjectNode original = (ObjectNode) JSON.readTree(confirmed.payload());
        String orderId = original.path("orderId").asString();
        ObjectNode rejected = base(orderId, 2)
                .put("customerId", original.path("customerId").asString())
                .put("reason", RejectionReason.OUT_OF_STOCK.name());
        add(Destinations.ORDERS_REJECTED, OrderRejected.class.getSimpleName(), orderId, rejected);
        ObjectNode again = original.deepCopy()
                .put("eventId", UUID.randomUUID().toString())
                .put("occurredAt", Instant.now().toString())
                .put("sequence", 3);
        add(Destinations.ORDERS_CONFIRMED, OrderConfirmed.class.getSimpleName(), orderId, again);
        ObjectNode stock = JSON.createObjectNode().put("type", StockRejected.class.getSimpleName());
        stock.setAll(base(orderId, 2).put("reason", RejectionReason.OUT_OF_STOCK.name()).put("sku", "SKU-0001"));
        add(Destinations.STOCK_CHECKED, StockRejected.class.getSimpleName(), orderId, stock);
    }

    /** For a REJECTED order (its outbox OrderRejected, sequence 3): an OrderRejected of sequence 2 on orders.rejected. */
    void forRejected(OutboxEvent rejected) {
        JsonNode original = JSON.readTree(rejected.payload());
        String orderId = original.path("orderId").asString();
        ObjectNode older = ((ObjectNode) original.deepCopy())
                .put("eventId", UUID.randomUUID().toString())
                .put("occurredAt", Instant.now().toString())
                .put("sequence", 2);
        add(Destinations.ORDERS_REJECTED, OrderRejected.class.getSimpleName(), orderId, older);
    }

    /** @return the events to publish, in the order built */
    List<OutboxEvent> events() {
        return List.copyOf(events);
    }

    /** @return how many stale events each consuming service's group receives */
    Map<Component, Integer> perGroup() {
        return Map.copyOf(perGroup);
    }

    private static ObjectNode base(String orderId, long sequence) {
        return JSON.createObjectNode()
                .put("eventId", UUID.randomUUID().toString())
                .put("occurredAt", Instant.now().toString())
                .put("orderId", orderId)
                .put("sequence", sequence);
    }

    private void add(String destination, String eventType, String orderId, ObjectNode payload) {
        events.add(new OutboxEvent(destination, payload.path("eventId").asString(), eventType, orderId,
                JSON.writeValueAsString(payload)));
        for (String group : Topology.destination(destination).groups()) {
            perGroup.merge(Component.parse(group), 1, Integer::sum);
        }
    }
}
