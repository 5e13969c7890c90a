package io.orderpipeline.sms.it;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.RejectionReason;
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
 * sms-service on a real broker and database: {@code OrderConfirmed}, {@code OrderRejected}, {@code OrderPaid} and
 * {@code OrderCancelled} published by a plain client to {@code orders.confirmed}, {@code orders.rejected},
 * {@code orders.paid} and {@code orders.cancelled}, the notifications read over HTTP. One scenario,
 * run by {@link SmsMessagingRabbitIT} and {@link SmsMessagingKafkaIT}.
 */
abstract class SmsMessagingScenario extends ServiceScenario {

    @Test
    void notifiesPaidAndCancelledOrdersExpiresAStaleEventAndSendsNoConfirmationAfterItsCancellation() {
        Instant start = Instant.now().minusSeconds(1);
        String customer = "c-" + UUID.randomUUID();
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("20.00"), 4);
        OrderCancelled byCustomer = new OrderCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, new BigDecimal("8.00"), CancellationReason.CUSTOMER, 4);
        OrderCancelled timedOut = new OrderCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, new BigDecimal("9.00"), CancellationReason.PAYMENT_TIMEOUT, 4);
        OrderConfirmed lateConfirmation = new OrderConfirmed(UUID.randomUUID(), Instant.now(), timedOut.orderId(),
                customer, new BigDecimal("9.00"), 3);
        OrderConfirmed behindIt = new OrderConfirmed(UUID.randomUUID(), Instant.now(),
                orderOnPartitionOf(timedOut.orderId()), customer, new BigDecimal("1.00"), 3);
        // an hour old when it arrives: above the default pipeline.sms.max-age of 10m
        OrderPaid stale = new OrderPaid(UUID.randomUUID(), Instant.now().minus(Duration.ofHours(1)),
                UUID.randomUUID().toString(), customer, new BigDecimal("4.00"), 4);

        broker.publish(Destinations.ORDERS_PAID, paid);
        broker.publish(Destinations.ORDERS_PAID, paid);
        broker.publish(Destinations.ORDERS_CANCELLED, byCustomer);
        broker.publish(Destinations.ORDERS_CANCELLED, timedOut);
        broker.publish(Destinations.ORDERS_PAID, stale);
        String path = "/notifications?customerId=" + customer;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().size() == 4);
        // the cancellation was handled before its order's confirmation arrives (different destinations)
        broker.publish(Destinations.ORDERS_CONFIRMED, lateConfirmation);
        broker.publish(Destinations.ORDERS_CONFIRMED, behindIt);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().size() == 5);

        JsonNode handled = http.get(path).json();
        assertThat(handled.valueStream().map(n -> n.get("orderId").asString() + " " + n.get("type").asString() + " "
                + n.get("status").asString()))
                .containsExactlyInAnyOrder(paid.orderId() + " ORDER_PAID SENT",
                        byCustomer.orderId() + " ORDER_CANCELLED SENT",
                        timedOut.orderId() + " ORDER_CANCELLED SENT",
                        stale.orderId() + " ORDER_PAID EXPIRED",
                        behindIt.orderId() + " ORDER_CONFIRMED SENT");
        JsonNode expired = http.get("/notifications?orderId=" + stale.orderId()).json().get(0);
        assertThat(expired.get("reason").asString()).startsWith("older than 10m: event at " + stale.occurredAt());
        assertThat(expired.get("sentAt").isNull()).as("never sent").isTrue();

        ServiceHttp.Response window = http.get("/notifications?since=" + start);
        assertThat(window.status()).isEqualTo(200);
        assertThat(window.json().valueStream().filter(n -> customer.equals(n.get("customerId").asString()))
                .map(n -> n.get("orderId").asString() + " " + n.get("status").asString()))
                .containsExactlyInAnyOrder(paid.orderId() + " SENT", byCustomer.orderId() + " SENT",
                        timedOut.orderId() + " SENT", stale.orderId() + " EXPIRED", behindIt.orderId() + " SENT");
        ServiceHttp.Response refused = http.get("/notifications?since=yesterday");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("ISO-8601");
    }

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
