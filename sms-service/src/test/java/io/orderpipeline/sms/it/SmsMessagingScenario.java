package io.orderpipeline.sms.it;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import io.orderpipeline.messaging.testing.ServiceScenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * sms-service on a real broker and database: {@code OrderConfirmed} and {@code OrderRejected} published by a plain
 * client to {@code orders.confirmed} and {@code orders.rejected}, the notifications read over HTTP. One scenario,
 * run by {@link SmsMessagingRabbitIT} and {@link SmsMessagingKafkaIT}.
 */
abstract class SmsMessagingScenario extends ServiceScenario {

    @Test
    void notifiesOncePerEventOnBothDestinationsAndDeadLettersAnUnreadablePayload() {
        String customer = "c-" + UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, new BigDecimal("12.50"));
        OrderConfirmed later = new OrderConfirmed(UUID.randomUUID(), Instant.now(),
                orderOnPartitionOf(confirmed.orderId()), customer, new BigDecimal("3.00"));
        OrderRejected rejected = new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, RejectionReason.OUT_OF_STOCK);
        UUID unreadable = UUID.randomUUID();

        broker.publish(Destinations.ORDERS_CONFIRMED, confirmed);
        broker.publish(Destinations.ORDERS_CONFIRMED, confirmed);
        broker.publish(Destinations.ORDERS_REJECTED, rejected);
        broker.publish(Destinations.ORDERS_CONFIRMED, "order-x", Map.of(EventHeaders.EVENT_TYPE, "OrderConfirmed",
                EventHeaders.EVENT_ID, unreadable.toString(), EventHeaders.PARTITION_KEY, "order-x"),
                "{\"eventId\": \"truncated".getBytes(StandardCharsets.UTF_8));
        broker.publish(Destinations.ORDERS_CONFIRMED, later);

        String path = "/notifications?customerId=" + customer;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().size() == 3);
        JsonNode sent = http.get(path).json();
        assertThat(sent.valueStream().map(n -> n.get("orderId").asString() + " " + n.get("type").asString()))
                .containsExactlyInAnyOrder(confirmed.orderId() + " ORDER_CONFIRMED", later.orderId() + " ORDER_CONFIRMED",
                        rejected.orderId() + " ORDER_REJECTED");

        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.ORDERS_CONFIRMED,
                Topology.Service.SMS.id())) {
            ReceivedMessage dead = deadLetters.await(m -> unreadable.toString().equals(m.header(EventHeaders.EVENT_ID)),
                    Duration.ofSeconds(30));
            assertThat(dead.header("x-exception-cause-fqcn")).as("the cause of the dead letter").isNotBlank();
            assertThat(dead.header("x-exception-attempts")).as("not retried: it cannot heal").isEqualTo("1");
        }
    }
}
