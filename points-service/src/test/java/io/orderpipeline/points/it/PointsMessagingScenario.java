package io.orderpipeline.points.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import io.orderpipeline.messaging.testing.ServiceHttp;
import io.orderpipeline.messaging.testing.ServiceScenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * points-service on a real broker and database: {@code OrderConfirmed} events published to
 * {@code orders.confirmed} and {@code OrderCancelled} events to {@code orders.cancelled} by a plain client, as
 * order-service would, and the balance and the ledger's window read over HTTP.
 * One scenario, run by {@link PointsMessagingRabbitIT} and {@link PointsMessagingKafkaIT}.
 */
abstract class PointsMessagingScenario extends ServiceScenario {

    @Test
    void awardsPointsOnceForDuplicateDeliveryAndDeadLettersAnInvalidEvent() {
        String customer = "c-" + UUID.randomUUID();
        OrderConfirmed first = confirmed(UUID.randomUUID().toString(), customer, "10.00");
        OrderConfirmed later = confirmed(orderOnPartitionOf(first.orderId()), customer, "5.99");
        OrderConfirmed invalid = confirmed(UUID.randomUUID().toString(), customer, "-1.00");

        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, invalid);
        broker.publish(Destinations.ORDERS_CONFIRMED, later);

        String path = "/customers/" + customer + "/points";
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().get("entries").size() == 2);
        ServiceHttp.Response points = http.get(path);
        assertThat(points.status()).isEqualTo(200);
        JsonNode body = points.json();
        assertThat(body.get("balance").asLong()).isEqualTo(15);
        assertThat(body.get("entries").get(0).get("orderId").asString()).isEqualTo(first.orderId());
        assertThat(body.get("entries").get(1).get("orderId").asString()).isEqualTo(later.orderId());

        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.ORDERS_CONFIRMED,
                Topology.Service.POINTS.id())) {
            ReceivedMessage dead = deadLetters.await(
                    m -> invalid.eventId().toString().equals(m.header(EventHeaders.EVENT_ID)), Duration.ofSeconds(30));
            // the rule's own exception, not the framework's wrapper; not retryable, so dead-lettered at once
            assertThat(dead.header("x-exception-cause-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dead.header("x-exception-attempts")).isEqualTo("1");
            assertThat(dead.as(OrderConfirmed.class)).isEqualTo(invalid);
        }
    }

    @Test
    void reversesACancelledOrdersPointsAndCreditsNothingForAConfirmationDeliveredAfterItsCancellation() {
        Instant start = Instant.now().minusSeconds(1);
        String customer = "c-" + UUID.randomUUID();
        String path = "/customers/" + customer + "/points";
        OrderConfirmed paidLater = confirmed(UUID.randomUUID().toString(), customer, "10.00", 3);
        OrderCancelled compensating = cancelled(paidLater.orderId(), customer, "10.00");

        // Given a confirmed order, when it is cancelled (twice: a redelivery), then its points are reversed once
        broker.publish(Destinations.ORDERS_CONFIRMED, paidLater);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().get("balance").asLong() == 10);
        broker.publish(Destinations.ORDERS_CANCELLED, compensating);
        broker.publish(Destinations.ORDERS_CANCELLED, compensating);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().get("entries").size() == 2);

        // Given a cancellation that overtook its confirmation, the confirmation credits nothing
        String overtaken = orderOnPartitionOf(UUID.randomUUID().toString());
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(overtaken, customer, "30.00"));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().get("entries").size() == 3);
        broker.publish(Destinations.ORDERS_CONFIRMED, confirmed(overtaken, customer, "30.00", 3));
        // on the overtaken order's partition, after its confirmation: once credited, that confirmation was handled
        OrderConfirmed marker = confirmed(orderOnPartitionOf(overtaken), customer, "1.00", 3);
        broker.publish(Destinations.ORDERS_CONFIRMED, marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().get("entries").size() == 4);

        JsonNode body = http.get(path).json();
        assertThat(body.get("balance").asLong()).isEqualTo(1);
        assertThat(entries(body, paidLater.orderId())).containsExactly("CREDIT 10", "REVERSAL -10");
        assertThat(entries(body, overtaken)).containsExactly("REVERSAL 0");
        assertThat(entries(body, marker.orderId())).containsExactly("CREDIT 1");

        // the reconciliation's view: the same entries, with their customer, in the window
        ServiceHttp.Response window = http.get("/points/entries?since=" + start);
        assertThat(window.status()).isEqualTo(200);
        assertThat(window.json().get("truncated").asBoolean()).isFalse();
        List<String> mine = new ArrayList<>();
        window.json().get("entries").forEach(entry -> {
            if (entry.get("customerId").asString().equals(customer)) {
                mine.add(entry.get("orderId").asString() + " " + entry.get("kind").asString() + " "
                        + entry.get("points").asLong());
            }
        });
        assertThat(mine).containsExactlyInAnyOrder(paidLater.orderId() + " CREDIT 10",
                paidLater.orderId() + " REVERSAL -10", overtaken + " REVERSAL 0", marker.orderId() + " CREDIT 1");

        ServiceHttp.Response bad = http.get("/points/entries?since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("status").asInt()).isEqualTo(400);
    }

    private static List<String> entries(JsonNode body, String orderId) {
        List<String> found = new ArrayList<>();
        body.get("entries").forEach(entry -> {
            if (entry.get("orderId").asString().equals(orderId)) {
                found.add(entry.get("kind").asString() + " " + entry.get("points").asLong());
            }
        });
        return found;
    }

    private static OrderConfirmed confirmed(String orderId, String customer, String total, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total), sequence);
    }

    private static OrderCancelled cancelled(String orderId, String customer, String total) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total),
                CancellationReason.CUSTOMER, 4);
    }

    private static OrderConfirmed confirmed(String orderId, String customer, String total) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total));
    }
}
