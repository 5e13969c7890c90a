package io.orderpipeline.sms.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import io.orderpipeline.sms.gateway.SmsGateway;
import io.orderpipeline.sms.gateway.SmsMessage;
import io.orderpipeline.sms.notification.NotificationStatus;
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
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class NotifyTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    Notifier notifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @MockitoSpyBean
    SmsGateway gateway;

    @Test
    void notifiesConfirmedAndRejectedOrdersWithTheirType() {
        String customer = newCustomer();
        OrderConfirmed confirmed = confirmed(UUID.randomUUID().toString(), customer, "41.99");
        OrderRejected rejected = new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, RejectionReason.OUT_OF_STOCK);

        deliver(confirmed, Destinations.ORDERS_CONFIRMED);
        deliver(rejected, Destinations.ORDERS_REJECTED);

        await().untilAsserted(() -> assertThat(notifier.forCustomer(customer))
                .extracting(SentNotification::orderId, SentNotification::type)
                .containsExactlyInAnyOrder(
                        tuple(confirmed.orderId(), NotificationType.ORDER_CONFIRMED),
                        tuple(rejected.orderId(), NotificationType.ORDER_REJECTED)));
        verify(gateway).send(new SmsMessage(confirmed.orderId() + ":ORDER_CONFIRMED", customer,
                "Your order " + confirmed.orderId() + " is confirmed: total 41.99"));
        verify(gateway).send(new SmsMessage(rejected.orderId() + ":ORDER_REJECTED", customer,
                "Your order " + rejected.orderId() + " was rejected: OUT_OF_STOCK"));
    }

    @Test
    void sendsOnceForDuplicateDelivery() {
        String customer = newCustomer();
        OrderConfirmed event = confirmed(UUID.randomUUID().toString(), customer, "10.00");

        deliver(event, Destinations.ORDERS_CONFIRMED);
        deliver(event, Destinations.ORDERS_CONFIRMED);

        await().untilAsserted(() -> assertThat(notifier.forOrder(event.orderId())).hasSize(1));
        verify(gateway, times(1)).send(argThat(m -> m.idempotencyKey().startsWith(event.orderId())));
    }

    @Test
    void sendsOnceForOrderConfirmedTwiceUnderDifferentEventIds() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();
        OrderConfirmed first = confirmed(orderId, customer, "10.00");
        OrderConfirmed reemitted = confirmed(orderId, customer, "10.00");

        deliver(first, Destinations.ORDERS_CONFIRMED);
        deliver(reemitted, Destinations.ORDERS_CONFIRMED);

        await().until(() -> isProcessed(reemitted));
        assertThat(notifier.forOrder(orderId)).hasSize(1);
        verify(gateway, times(1)).send(argThat(m -> m.idempotencyKey().startsWith(orderId)));
    }

    @Test
    void gatewayFailureIsRetriedAndSentAgainWithTheSameIdempotencyKey() {
        String customer = newCustomer();
        OrderConfirmed event = confirmed(UUID.randomUUID().toString(), customer, "10.00");
        doThrow(new IllegalStateException("provider unavailable"))
                .doCallRealMethod()
                .when(gateway).send(argThat(m -> m.idempotencyKey().startsWith(event.orderId())));

        deliver(event, Destinations.ORDERS_CONFIRMED);

        await().untilAsserted(() -> assertThat(notifier.forOrder(event.orderId())).hasSize(1));
        // at-least-once toward the gateway: the failed attempt's record was rolled back, the retry sent again
        verify(gateway, times(2)).send(new SmsMessage(event.orderId() + ":ORDER_CONFIRMED", customer,
                "Your order " + event.orderId() + " is confirmed: total 10.00"));
    }

    @Test
    void rejectionWithoutReasonIsNotSentAndNotMarkedProcessed() {
        String customer = newCustomer();
        OrderRejected invalid = new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(),
                customer, null);
        OrderConfirmed valid = confirmed(UUID.randomUUID().toString(), customer, "3.00");

        deliver(invalid, Destinations.ORDERS_REJECTED);
        deliver(valid, Destinations.ORDERS_CONFIRMED);

        await().untilAsserted(() -> assertThat(notifier.forCustomer(customer)).hasSize(1));
        assertThat(notifier.forOrder(invalid.orderId())).isEmpty();
        assertThat(isProcessed(invalid)).isFalse();
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().startsWith(invalid.orderId())));
    }

    @Test
    void notifiesPaidAndCancelledOrdersNamingTheCancellationsReason() {
        String customer = newCustomer();
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("20.00"), 4);
        OrderCancelled byCustomer = cancelled(UUID.randomUUID().toString(), customer, CancellationReason.CUSTOMER, 4);
        OrderCancelled timedOut = cancelled(UUID.randomUUID().toString(), customer, CancellationReason.PAYMENT_TIMEOUT, 4);

        deliver(paid, Destinations.ORDERS_PAID);
        deliver(byCustomer, Destinations.ORDERS_CANCELLED);
        deliver(timedOut, Destinations.ORDERS_CANCELLED);

        await().untilAsserted(() -> assertThat(notifier.forCustomer(customer))
                .extracting(SentNotification::orderId, SentNotification::type, SentNotification::status)
                .containsExactlyInAnyOrder(
                        tuple(paid.orderId(), NotificationType.ORDER_PAID, NotificationStatus.SENT),
                        tuple(byCustomer.orderId(), NotificationType.ORDER_CANCELLED, NotificationStatus.SENT),
                        tuple(timedOut.orderId(), NotificationType.ORDER_CANCELLED, NotificationStatus.SENT)));
        verify(gateway).send(new SmsMessage(paid.orderId() + ":ORDER_PAID", customer,
                "Your order " + paid.orderId() + " is paid: 20.00 received"));
        verify(gateway).send(new SmsMessage(byCustomer.orderId() + ":ORDER_CANCELLED", customer,
                "Your order " + byCustomer.orderId() + " was cancelled by the customer"));
        verify(gateway).send(new SmsMessage(timedOut.orderId() + ":ORDER_CANCELLED", customer,
                "Your order " + timedOut.orderId() + " was cancelled: payment timeout, not paid in time"));
    }

    @Test
    void sendsOneCancellationForDuplicateDeliveryAndForACancellationReemitted() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();
        OrderCancelled first = cancelled(orderId, customer, CancellationReason.CUSTOMER, 0);
        OrderCancelled reemitted = cancelled(orderId, customer, CancellationReason.CUSTOMER, 0);
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), 0);

        deliver(first, Destinations.ORDERS_CANCELLED);
        deliver(first, Destinations.ORDERS_CANCELLED);
        deliver(reemitted, Destinations.ORDERS_CANCELLED);
        deliver(paid, Destinations.ORDERS_PAID);
        deliver(paid, Destinations.ORDERS_PAID);

        await().until(() -> isProcessed(reemitted) && isProcessed(paid));
        assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CANCELLED);
        assertThat(notifier.forOrder(paid.orderId())).hasSize(1);
        verify(gateway, times(1)).send(argThat(m -> m.idempotencyKey().startsWith(orderId)));
        verify(gateway, times(1)).send(argThat(m -> m.idempotencyKey().startsWith(paid.orderId())));
    }

    @Test
    void sendsTheCancellationAndNotTheLateConfirmationWhenTheCancellationComesFirst() {
        double before = outOfOrderCount();
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        deliver(cancelled(orderId, customer, CancellationReason.PAYMENT_TIMEOUT, 4), Destinations.ORDERS_CANCELLED);
        deliver(new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"), 3),
                Destinations.ORDERS_CONFIRMED);

        // the inbox's sequence check skips the confirmation (3 after 4)
        await().untilAsserted(() -> assertThat(outOfOrderCount()).isEqualTo(before + 1));
        assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CANCELLED);
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().equals(orderId + ":ORDER_CONFIRMED")));
    }

    @Test
    void sendsNoConfirmationAfterACancellationAlsoForEventsWithoutASequence() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();
        OrderConfirmed late = confirmed(orderId, customer, "5.00");

        deliver(cancelled(orderId, customer, CancellationReason.CUSTOMER, 0), Destinations.ORDERS_CANCELLED);
        deliver(late, Destinations.ORDERS_CONFIRMED);

        // the inbox cannot judge order without sequences: the domain refuses the confirmation
        await().until(() -> isProcessed(late));
        assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CANCELLED);
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().equals(orderId + ":ORDER_CONFIRMED")));
    }

    @Test
    void sendsTheCancellationAfterTheConfirmationInTheUsualOrder() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        deliver(new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"), 3),
                Destinations.ORDERS_CONFIRMED);
        deliver(cancelled(orderId, customer, CancellationReason.CUSTOMER, 4), Destinations.ORDERS_CANCELLED);

        await().untilAsserted(() -> assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactlyInAnyOrder(NotificationType.ORDER_CONFIRMED, NotificationType.ORDER_CANCELLED));
    }

    @Test
    void listsTheNotificationsHandledInAWindow() {
        String customer = newCustomer();
        Instant since = Instant.now().minusSeconds(1);
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("7.00"), 4);

        deliver(paid, Destinations.ORDERS_PAID);

        await().until(() -> isProcessed(paid));
        assertThat(notifier.handledIn(since, null).notifications())
                .extracting(SentNotification::orderId, SentNotification::type, SentNotification::status)
                .contains(tuple(paid.orderId(), NotificationType.ORDER_PAID, NotificationStatus.SENT));
        assertThat(notifier.handledIn(since.minusSeconds(60), since).notifications())
                .extracting(SentNotification::orderId).doesNotContain(paid.orderId());
    }

    private boolean isProcessed(DomainEvent event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                event.eventId().toString()) == 1;
    }

    @Test
    void skipsAndCountsASecondOutcomeOfAnOrderThatArrivesAfterTheFirst() {
        double before = outOfOrderCount();
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        deliver(new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"), 3),
                Destinations.ORDERS_CONFIRMED);
        deliver(new OrderRejected(UUID.randomUUID(), Instant.now(), orderId, customer, RejectionReason.OUT_OF_STOCK, 3),
                Destinations.ORDERS_REJECTED);

        await().untilAsserted(() -> assertThat(outOfOrderCount()).isEqualTo(before + 1));
        // the stale outcome is recorded (its redelivery is a duplicate) and not applied: no rejection SMS
        assertThat(notifier.forOrder(orderId)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CONFIRMED);
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().equals(orderId + ":ORDER_REJECTED")));
    }

    @Test
    void eventsWithoutASequenceAreNeverOutOfOrder() {
        double before = outOfOrderCount();
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        deliver(confirmed(orderId, customer, "5.00"), Destinations.ORDERS_CONFIRMED);
        deliver(new OrderRejected(UUID.randomUUID(), Instant.now(), orderId, customer, RejectionReason.OUT_OF_STOCK),
                Destinations.ORDERS_REJECTED);

        await().untilAsserted(() -> assertThat(notifier.forOrder(orderId)).hasSize(2));
        assertThat(outOfOrderCount()).isEqualTo(before);
    }

    private double outOfOrderCount() {
        Counter counter = meters.find(OutOfOrderEvents.METRIC).tag("group", "sms-service").counter();
        return counter == null ? 0 : counter.count();
    }

    private void deliver(DomainEvent event, String destination) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .setHeader(EventHeaders.EVENT_TYPE, event.getClass().getSimpleName())
                .setHeader(EventHeaders.EVENT_ID, event.eventId().toString())
                .setHeader(EventHeaders.PARTITION_KEY, event.orderId())
                .build(), destination);
    }

    private static OrderConfirmed confirmed(String orderId, String customer, String total) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total));
    }

    private static OrderCancelled cancelled(String orderId, String customer, CancellationReason reason, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("5.00"), reason,
                sequence);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
