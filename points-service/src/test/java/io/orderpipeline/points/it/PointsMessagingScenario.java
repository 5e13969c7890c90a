package io.orderpipeline.points.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
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
 * {@code orders.confirmed} by a plain client, as order-service would, and the balance read over HTTP.
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

    private static OrderConfirmed confirmed(String orderId, String customer, String total) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total));
    }
}
