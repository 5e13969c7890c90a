package io.orderpipeline.sms.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the inbox's sequence check prevents: without it, a stale outcome of an order is applied. */
@SpringBootTest(properties = "pipeline.inbox.sequence-check=false")
@EnableTestBinder
@ActiveProfiles("test")
class NotifyWithoutSequenceCheckTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    Notifier notifier;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void appliesAStaleOutcomeAndCountsNothingWhenTheCheckIsOff() {
        String customer = "c-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();

        deliver(new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"), 3),
                Destinations.ORDERS_CONFIRMED);
        deliver(new OrderRejected(UUID.randomUUID(), Instant.now(), orderId, customer, RejectionReason.OUT_OF_STOCK, 2),
                Destinations.ORDERS_REJECTED);

        await().untilAsserted(() -> assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactlyInAnyOrder(NotificationType.ORDER_CONFIRMED, NotificationType.ORDER_REJECTED));
        assertThat(meters.get(OutOfOrderEvents.METRIC).tag("group", "sms-service").counter().count()).isZero();
    }

    @Test
    void stillSendsNoConfirmationAfterTheCancellationItCameBefore() {
        String customer = "c-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        OrderConfirmed late = new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer,
                new BigDecimal("5.00"), 3);

        deliver(new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"),
                CancellationReason.CUSTOMER, 4), Destinations.ORDERS_CANCELLED);
        deliver(late, Destinations.ORDERS_CONFIRMED);

        // with the inbox's check off the confirmation reaches the domain, which refuses it
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?",
                Long.class, late.eventId().toString()) == 1);
        assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CANCELLED);
    }

    private void deliver(DomainEvent event, String destination) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(event)).build(), destination);
    }
}
