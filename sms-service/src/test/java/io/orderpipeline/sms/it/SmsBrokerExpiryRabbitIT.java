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
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import io.orderpipeline.messaging.testing.OnRabbit;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.ServiceScenario;
import io.orderpipeline.sms.gateway.SmsGateway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Issue 16, "Expiry", on RabbitMQ (vhost {@code it-sms-broker-expiry-rabbit-it}, database
 * {@code it_sms_broker_expiry_rabbit_it}): with {@code PIPELINE_SMS_MAX_AGE=2s} sms-service's partition queues have a
 * 2 s message TTL, and its four notify bindings are not started, so nothing consumes them: the broker itself expires
 * what is published, dead-letters it into the parking queues {@code <destination>.sms-service.expired}, and
 * sms-service records it EXPIRED with the broker's reason, once, without sending. With
 * {@code PIPELINE_RABBIT_QUEUE_TTL=false} (no TTL) this test fails: the messages wait in the queues.
 */
@OnRabbit
@TestPropertySource(properties = {
        "PIPELINE_SMS_MAX_AGE=2s",
        "spring.cloud.stream.bindings.notifyConfirmed-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.notifyRejected-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.notifyPaid-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.notifyCancelled-in-0.consumer.auto-startup=false"})
class SmsBrokerExpiryRabbitIT extends ServiceScenario {

    private static final String SMS = Topology.Service.SMS.id();

    @MockitoSpyBean
    SmsGateway gateway;

    @Test
    void theBrokerExpiresUndeliveredNotificationsIntoParkingWhereTheyAreRecordedExpiredOnceAndNotSent() {
        Instant start = Instant.now().minusSeconds(1);
        String customer = "c-" + UUID.randomUUID();
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("20.00"), 4);
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, new BigDecimal("8.00"), CancellationReason.CUSTOMER, 4);
        UUID unreadable = UUID.randomUUID();

        Instant published = Instant.now();
        broker.publish(Destinations.ORDERS_PAID, paid);
        // a second copy of the same event (an outbox re-publication): it expires too, and is recorded once
        broker.publish(Destinations.ORDERS_PAID, paid);
        broker.publish(Destinations.ORDERS_CANCELLED, cancelled);
        broker.publish(Destinations.ORDERS_PAID, "order-x", Map.of(EventHeaders.EVENT_TYPE, "OrderPaid",
                EventHeaders.EVENT_ID, unreadable.toString(), EventHeaders.PARTITION_KEY, "order-x"),
                "{\"eventId\": \"truncated".getBytes(StandardCharsets.UTF_8));

        String path = "/notifications?customerId=" + customer;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).json().size() == 2);

        JsonNode handled = http.get(path).json();
        assertThat(handled.valueStream().map(n -> n.get("orderId").asString() + " " + n.get("type").asString() + " "
                + n.get("status").asString()))
                .containsExactlyInAnyOrder(paid.orderId() + " ORDER_PAID EXPIRED",
                        cancelled.orderId() + " ORDER_CANCELLED EXPIRED");
        int paidPartition = Topology.partition(paid.orderId(), Topology.DEFAULT_PARTITION_COUNT);
        JsonNode expiredPayment = http.get("/notifications?orderId=" + paid.orderId()).json().get(0);
        assertThat(expiredPayment.get("reason").asString()).as("the broker's reason, from x-death")
                .startsWith("expired in the broker after 2000 ms in orders.paid.sms-service-" + paidPartition
                        + " (dead-lettered at ");
        assertThat(expiredPayment.get("sentAt").isNull()).as("never sent").isTrue();
        Duration publishToRecord = Duration.between(published, Instant.parse(expiredPayment.get("at").asString()));
        System.out.println("SmsBrokerExpiryRabbitIT: published to recorded EXPIRED in " + publishToRecord.toMillis()
                + " ms (TTL 2000 ms)");
        assertThat(publishToRecord).as("not before the TTL ran out").isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        assertThat(http.get("/notifications?since=" + start).json().valueStream()
                .filter(n -> customer.equals(n.get("customerId").asString()))
                .map(n -> n.get("status").asString())).as("the reconciliation's window").containsOnly("EXPIRED")
                .hasSize(2);

        // parked, not dropped: what cannot be recorded goes on from the parking queue to the group's DLQ
        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.ORDERS_PAID, SMS)) {
            ReceivedMessage dead = deadLetters.await(m -> unreadable.toString().equals(m.header(EventHeaders.EVENT_ID)),
                    Duration.ofSeconds(30));
            assertThat(dead.header("x-first-death-reason")).as("expired first").isEqualTo("expired");
            assertThat(dead.header("x-death")).as("then rejected in parking")
                    .contains("orders.paid.sms-service.expired").contains("rejected");
        }

        RabbitAdmin admin = ((RabbitContractBroker) broker).admin();
        for (Topology.Destination destination : new Topology.Destination[] {Topology.ORDERS_PAID,
                Topology.ORDERS_CANCELLED}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(messages(admin, destination.rabbitExpiredQueue(SMS))).as("parking drained").isZero();
                for (int i = 0; i < Topology.DEFAULT_PARTITION_COUNT; i++) {
                    assertThat(messages(admin, destination.rabbitPartitionQueue(SMS, i))).as("expired, not waiting")
                            .isZero();
                }
            });
        }
        verify(gateway, never()).send(any());
    }

    private static long messages(RabbitAdmin admin, String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        assertThat(info).as(queue + " exists").isNotNull();
        return info.getMessageCount();
    }
}
