package io.orderpipeline.coupon.it;

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
import io.orderpipeline.messaging.testing.ServiceScenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * coupon-service on a real broker and database: {@code OrderConfirmed} events published by a plain client to
 * {@code orders.confirmed}, the coupons read over HTTP. One scenario, run by {@link CouponMessagingRabbitIT} and
 * {@link CouponMessagingKafkaIT}.
 */
abstract class CouponMessagingScenario extends ServiceScenario {

    @Test
    void issuesOneWelcomeCouponForTheFirstOrderDeliveredTwiceAndDeadLettersAnEventWithoutCustomer() {
        String customer = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        OrderConfirmed first = confirmed(UUID.randomUUID().toString(), customer);
        OrderConfirmed second = confirmed(orderOnPartitionOf(first.orderId()), customer);
        OrderConfirmed invalid = confirmed(UUID.randomUUID().toString(), "");
        // on first's partition, after everything else there: once its coupon exists, first and second were handled
        OrderConfirmed marker = confirmed(orderOnPartitionOf(first.orderId()), other);

        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, invalid);
        broker.publish(Destinations.ORDERS_CONFIRMED, second);
        broker.publish(Destinations.ORDERS_CONFIRMED, marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/customers/" + other + "/coupons").json().size() == 1);
        JsonNode coupons = http.get("/customers/" + customer + "/coupons").json();
        assertThat(coupons).hasSize(1);
        assertThat(coupons.get(0).get("orderId").asString()).isEqualTo(first.orderId());
        assertThat(coupons.get(0).get("code").asString()).startsWith("WELCOME-");

        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.ORDERS_CONFIRMED,
                Topology.Service.COUPON.id())) {
            ReceivedMessage dead = deadLetters.await(
                    m -> invalid.eventId().toString().equals(m.header(EventHeaders.EVENT_ID)), Duration.ofSeconds(30));
            assertThat(dead.header("x-exception-cause-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dead.as(OrderConfirmed.class)).isEqualTo(invalid);
        }
    }

    private static OrderConfirmed confirmed(String orderId, String customer) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("20.00"));
    }
}
