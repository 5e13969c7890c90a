package io.orderpipeline.inventory.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.PricedLine;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import io.orderpipeline.messaging.testing.ServiceHttp;
import io.orderpipeline.messaging.testing.ServiceScenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * inventory-service on a real broker and database: stock set over HTTP, {@code OrderPlaced} published by a plain
 * client to {@code orders.placed}, the answer read from {@code stock.checked} by a consumer group of the test's;
 * {@code OrderCancelled} published to {@code orders.cancelled}, the release read over HTTP. One scenario, run by
 * {@link InventoryMessagingRabbitIT} and {@link InventoryMessagingKafkaIT}.
 */
abstract class InventoryMessagingScenario extends ServiceScenario {

    @Test
    void reservesOnceForDuplicateDeliveryAnswersOnStockCheckedAndDeadLettersAnOrderWithoutItems() {
        String sku = "SKU-IT-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/stock/" + sku, "{\"available\": 10, \"unitPrice\": \"2.50\"}").status()).isEqualTo(200);
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), "c-1",
                List.of(new OrderLine(sku, 3)));
        // on placed's partition, after its two deliveries: once it is answered, both were handled
        OrderPlaced marker = new OrderPlaced(UUID.randomUUID(), Instant.now(), orderOnPartitionOf(placed.orderId()),
                "c-2", List.of(new OrderLine(sku, 1)));
        OrderPlaced withoutItems = new OrderPlaced(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                "c-3", List.of());

        try (ContractBroker.Subscriber answers = broker.subscribe(Destinations.STOCK_CHECKED, "it-answer-reader")) {
            broker.publish(Destinations.ORDERS_PLACED, placed);
            broker.publish(Destinations.ORDERS_PLACED, placed);
            broker.publish(Destinations.ORDERS_PLACED, withoutItems);
            broker.publish(Destinations.ORDERS_PLACED, marker);

            answers.await(m -> marker.orderId().equals(m.header(EventHeaders.PARTITION_KEY)), Duration.ofSeconds(30));
            List<ReceivedMessage> ofPlaced = answers.drain(Duration.ZERO).stream()
                    .filter(m -> placed.orderId().equals(m.header(EventHeaders.PARTITION_KEY))).toList();
            assertThat(ofPlaced).isNotEmpty();
            ReceivedMessage answer = ofPlaced.get(0);
            assertThat(answer.header(EventHeaders.EVENT_TYPE)).isEqualTo("StockReserved");
            StockReserved reserved = answer.as(StockReserved.class);
            assertThat(reserved.orderId()).isEqualTo(placed.orderId());
            assertThat(reserved.lines()).containsExactly(new PricedLine(sku, 3, new BigDecimal("2.50")));
            assertThat(reserved.total()).isEqualByComparingTo("7.50");
            assertThat(answer.header(EventHeaders.EVENT_ID)).isEqualTo(reserved.eventId().toString());
            // a redelivered request is answered with the stored decision, never with a second reservation
            assertThat(ofPlaced).extracting(m -> m.header(EventHeaders.EVENT_ID)).containsOnly(answer.header(EventHeaders.EVENT_ID));
        }
        // 3 for placed (once), 1 for the marker
        assertThat(http.get("/stock/" + sku).json().get("reserved").asLong()).isEqualTo(4);

        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.ORDERS_PLACED,
                Topology.Service.INVENTORY.id())) {
            ReceivedMessage dead = deadLetters.await(
                    m -> withoutItems.eventId().toString().equals(m.header(EventHeaders.EVENT_ID)), Duration.ofSeconds(30));
            assertThat(dead.header("x-exception-cause-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dead.as(OrderPlaced.class)).isEqualTo(withoutItems);
        }
    }

    @Test
    void releasesTheReservationOnceForADuplicateOrSecondCancellationAndNothingForAnOrderNeverSeen() {
        String sku = "SKU-IT-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/stock/" + sku, "{\"available\": 10, \"unitPrice\": \"2.50\"}").status()).isEqualTo(200);
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), "c-1",
                List.of(new OrderLine(sku, 3)), 1);
        // on placed's partition: once its cancellation is applied, every cancellation published before it was handled
        OrderPlaced marker = new OrderPlaced(UUID.randomUUID(), Instant.now(), orderOnPartitionOf(placed.orderId()),
                "c-2", List.of(new OrderLine(sku, 4)), 1);
        // the marker holds more than placed, so a second release of placed would find enough reserved units
        broker.publish(Destinations.ORDERS_PLACED, placed);
        broker.publish(Destinations.ORDERS_PLACED, marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(status(placed.orderId())).isEqualTo("RESERVED");
            assertThat(status(marker.orderId())).isEqualTo("RESERVED");
        });
        assertStock(sku, 3, 7);

        OrderCancelled cancelled = cancelled(placed.orderId(), 4);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled);
        // a second cancellation without a sequence, which the inbox's per-order check lets through: the
        // reservation's own state keeps it from releasing again
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(placed.orderId(), 0));
        String neverSeen = orderOnPartitionOf(placed.orderId());
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(neverSeen, 4));
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(marker.orderId(), 4));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status(marker.orderId())).isEqualTo("RELEASED"));
        assertStock(sku, 10, 0);
        JsonNode released = http.get("/reservations/" + placed.orderId()).json();
        assertThat(released.get("status").asString()).isEqualTo("RELEASED");
        assertThat(released.get("outcome").asString()).isEqualTo("RESERVED");
        assertThat(Instant.parse(released.get("releasedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(released.get("decidedAt").asString()));
        assertThat(http.get("/reservations/" + neverSeen).status()).isEqualTo(404);

        JsonNode window = http.get("/reservations?since=" + since).json();
        List<JsonNode> ofTheseOrders = window.get("reservations").valueStream()
                .filter(r -> List.of(placed.orderId(), marker.orderId()).contains(r.get("orderId").asString()))
                .toList();
        assertThat(ofTheseOrders).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status").asString()).isEqualTo("RELEASED");
            assertThat(r.get("releasedAt").isNull()).isFalse();
        });
        assertThat(ofTheseOrders).filteredOn(r -> r.get("orderId").asString().equals(placed.orderId()))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("lines")).hasSize(1);
                    assertThat(r.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
                    assertThat(r.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
                });
        assertThat(window.get("next").isNull()).isTrue();
    }

    private String status(String orderId) {
        ServiceHttp.Response response = http.get("/reservations/" + orderId);
        return response.status() == 200 ? response.json().get("status").asString() : "HTTP " + response.status();
    }

    private void assertStock(String sku, long available, long reserved) {
        JsonNode stock = http.get("/stock/" + sku).json();
        assertThat(stock.get("available").asLong()).as("available").isEqualTo(available);
        assertThat(stock.get("reserved").asLong()).as("reserved").isEqualTo(reserved);
    }

    private static OrderCancelled cancelled(String orderId, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, "c-1", new BigDecimal("7.50"),
                CancellationReason.CUSTOMER, sequence);
    }
}
