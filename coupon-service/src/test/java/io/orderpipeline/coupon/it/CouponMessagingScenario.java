package io.orderpipeline.coupon.it;

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
 * coupon-service on a real broker and database: {@code OrderConfirmed} events published by a plain client to
 * {@code orders.confirmed} and {@code OrderCancelled} events to {@code orders.cancelled}, the coupons read over HTTP. One scenario, run by {@link CouponMessagingRabbitIT} and
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

    @Test
    void revokesACancelledOrdersCouponOnceAndIssuesNoneForAConfirmationDeliveredAfterItsCancellation() {
        Instant start = Instant.now().minusSeconds(1);
        String customer = "c-" + UUID.randomUUID();
        OrderConfirmed first = confirmed(UUID.randomUUID().toString(), customer, 3);
        OrderCancelled cancelled = cancelled(first.orderId(), customer);

        // Given a coupon earned by an order, when the order is cancelled (twice: a redelivery), then it is revoked
        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        await().atMost(Duration.ofSeconds(30)).until(() -> coupons(customer).size() == 1);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REVOKED".equals(coupons(customer).get(0).get("status").asString()));
        // and the customer's next confirmed order earns one again
        OrderConfirmed next = confirmed(UUID.randomUUID().toString(), customer, 3);
        broker.publish(Destinations.ORDERS_CONFIRMED, next);
        await().atMost(Duration.ofSeconds(30)).until(() -> coupons(customer).size() == 2);
        JsonNode mine = coupons(customer);
        assertThat(mine.get(0).get("orderId").asString()).isEqualTo(first.orderId());
        assertThat(mine.get(0).get("status").asString()).isEqualTo("REVOKED");
        assertThat(mine.get(0).get("revokedAt").isNull()).isFalse();
        assertThat(mine.get(1).get("orderId").asString()).isEqualTo(next.orderId());
        assertThat(mine.get(1).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(mine.get(1).get("revokedAt").isNull()).isTrue();

        // Given a cancellation that overtook its confirmation: a witness order on its partition shows when each of
        // the two was handled (a coupon revoked after the cancellation, a coupon issued after the confirmation)
        String late = "c-" + UUID.randomUUID();
        String overtaken = UUID.randomUUID().toString();
        String witness = "c-" + UUID.randomUUID();
        OrderConfirmed witnessOrder = confirmed(orderOnPartitionOf(overtaken), witness, 3);
        broker.publish(Destinations.ORDERS_CONFIRMED, witnessOrder);
        await().atMost(Duration.ofSeconds(30)).until(() -> coupons(witness).size() == 1);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(overtaken, late));
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled(witnessOrder.orderId(), witness));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REVOKED".equals(coupons(witness).get(0).get("status").asString()));
        broker.publish(Destinations.ORDERS_CONFIRMED, confirmed(overtaken, late, 3));
        broker.publish(Destinations.ORDERS_CONFIRMED, confirmed(orderOnPartitionOf(overtaken), witness, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> coupons(witness).size() == 2);
        // then the confirmation issued nothing
        assertThat(coupons(late)).isEmpty();

        // the reconciliation's view: the coupons issued or revoked in the window, with their customer
        ServiceHttp.Response window = http.get("/coupons?since=" + start);
        assertThat(window.status()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        window.json().get("coupons").forEach(coupon -> {
            if (coupon.get("customerId").asString().equals(customer)) {
                seen.add(coupon.get("orderId").asString() + " " + coupon.get("status").asString());
            }
            assertThat(coupon.get("orderId").asString()).isNotEqualTo(overtaken);
        });
        assertThat(seen).containsExactly(first.orderId() + " REVOKED", next.orderId() + " ACTIVE");

        ServiceHttp.Response bad = http.get("/coupons?since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("status").asInt()).isEqualTo(400);
    }

    private JsonNode coupons(String customer) {
        return http.get("/customers/" + customer + "/coupons").json();
    }

    private static OrderConfirmed confirmed(String orderId, String customer, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("20.00"),
                sequence);
    }

    private static OrderCancelled cancelled(String orderId, String customer) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("20.00"),
                CancellationReason.CUSTOMER, 4);
    }

    private static OrderConfirmed confirmed(String orderId, String customer) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("20.00"));
    }
}
