package io.orderpipeline.faults.scenario;

import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.broker.OutboxEvent;
import io.orderpipeline.stack.Component;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StaleEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxEvent confirmed = new OutboxEvent("orders.confirmed", "e-3", "OrderConfirmed", "o-1",
            "{\"eventId\":\"e-3\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"orderId\":\"o-1\",\"customerId\":\"c-1\","
                    + "\"total\":12.50,\"sequence\":3}");
    private final OutboxEvent rejected = new OutboxEvent("orders.rejected", "e-4", "OrderRejected", "o-2",
            "{\"eventId\":\"e-4\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"orderId\":\"o-2\",\"customerId\":\"c-2\","
                    + "\"reason\":\"UNKNOWN_SKU\",\"sequence\":3}");

    @Test
    void givesEveryStaleEventANewIdAndASequenceTheGroupHasAlreadyApplied() {
        StaleEvents stale = new StaleEvents();
        stale.forConfirmed(confirmed);
        stale.forRejected(rejected);

        List<OutboxEvent> events = stale.events();
        assertThat(events).extracting(OutboxEvent::destination)
                .containsExactly("orders.rejected", "orders.confirmed", "stock.checked", "orders.rejected");
        assertThat(events).extracting(OutboxEvent::eventType)
                .containsExactly("OrderRejected", "OrderConfirmed", "StockRejected", "OrderRejected");
        assertThat(events).extracting(OutboxEvent::eventId).doesNotHaveDuplicates().doesNotContain("e-3", "e-4");
        assertThat(events).extracting(e -> JSON.readTree(e.payload()).path("sequence").asLong())
                .containsExactly(2L, 3L, 2L, 2L);
        JsonNode stock = JSON.readTree(events.get(2).payload());
        assertThat(stock.path("type").asString()).isEqualTo("StockRejected");
        assertThat(stock.path("orderId").asString()).isEqualTo("o-1");
        assertThat(JSON.readTree(events.get(0).payload()).path("customerId").asString()).isEqualTo("c-1");
        assertThat(events).allMatch(e -> JSON.readTree(e.payload()).path("eventId").asString().equals(e.eventId()));
    }

    @Test
    void countsTheStaleEventsEachConsumingGroupReceives() {
        StaleEvents stale = new StaleEvents();
        stale.forConfirmed(confirmed);
        stale.forRejected(rejected);

        assertThat(stale.perGroup()).isEqualTo(Map.of(Component.SMS_SERVICE, 3, Component.POINTS_SERVICE, 1,
                Component.COUPON_SERVICE, 1, Component.ORDER_SERVICE, 1));
    }

    @Test
    void findsScenariosByNumberOrName() {
        assertThat(Scenarios.parse("8")).isInstanceOf(Ordering.class);
        assertThat(Scenarios.parse("BROKER_RESTART").id()).isEqualTo("broker-restart");
        assertThat(Scenarios.ALL).extracting(s -> s.number()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
