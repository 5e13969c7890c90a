package io.orderpipeline.sms.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.testing.MutableClock;
import io.orderpipeline.sms.gateway.SmsGateway;
import io.orderpipeline.sms.gateway.SmsMessage;
import io.orderpipeline.sms.notification.NotificationStatus;
import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Issue 16, "Expiry": an SMS whose event is older than {@code pipeline.sms.max-age} (10m here) when handled is recorded
 * EXPIRED with the reason and not sent. On a clock the test moves: each event occurs at {@link #START}, and the clock
 * stands where the test put it when sms-service handles it.
 */
@SpringBootTest(properties = "pipeline.sms.max-age=10m")
@EnableTestBinder
@ActiveProfiles("test")
class NotifyExpiryTests {

    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    Notifier notifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @MockitoSpyBean
    SmsGateway gateway;

    @BeforeEach
    void reset() {
        clock.set(START);
    }

    @Test
    void expiresAnSmsWhoseEventIsOlderThanTheMaxAgeWithTheReasonAndSendsNothing() {
        String customer = newCustomer();
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), START, UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), CancellationReason.PAYMENT_TIMEOUT, 4);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        deliver(cancelled, Destinations.ORDERS_CANCELLED);

        await().until(() -> isProcessed(cancelled));
        assertThat(notifier.forOrder(cancelled.orderId()))
                .extracting(SentNotification::type, SentNotification::status, SentNotification::reason,
                        SentNotification::at)
                .containsExactly(tuple(NotificationType.ORDER_CANCELLED, NotificationStatus.EXPIRED,
                        "older than 10m: event at 2026-12-03T12:00:00Z, handled at 2026-12-03T12:10:01Z",
                        Instant.parse("2026-12-03T12:10:01Z")));
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().startsWith(cancelled.orderId())));
    }

    @Test
    void sendsAnSmsWhoseEventIsExactlyTheMaxAgeOld() {
        String customer = newCustomer();
        OrderPaid paid = new OrderPaid(UUID.randomUUID(), START, UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), 4);
        clock.advance(Duration.ofMinutes(10));

        deliver(paid, Destinations.ORDERS_PAID);

        await().until(() -> isProcessed(paid));
        assertThat(notifier.forOrder(paid.orderId())).extracting(SentNotification::status, SentNotification::reason)
                .containsExactly(tuple(NotificationStatus.SENT, null));
        verify(gateway, times(1)).send(argThat(m -> m.idempotencyKey().equals(paid.orderId() + ":ORDER_PAID")));
    }

    @Test
    void anExpiredNotificationIsNotSentWhenItsEventComesAgain() {
        String customer = newCustomer();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), START, UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), 3);
        OrderConfirmed reemitted = new OrderConfirmed(UUID.randomUUID(), START.plus(Duration.ofMinutes(30)),
                confirmed.orderId(), customer, new BigDecimal("5.00"), 0);
        clock.advance(Duration.ofHours(1));

        deliver(confirmed, Destinations.ORDERS_CONFIRMED);
        deliver(confirmed, Destinations.ORDERS_CONFIRMED);
        // a young copy under a new event id (within the max age) finds the expired one: one per order and type
        deliver(reemitted, Destinations.ORDERS_CONFIRMED);

        await().until(() -> isProcessed(confirmed) && isProcessed(reemitted));
        assertThat(notifier.forOrder(confirmed.orderId())).extracting(SentNotification::status)
                .containsExactly(NotificationStatus.EXPIRED);
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().startsWith(confirmed.orderId())));
    }

    @Test
    void listsSentAndExpiredNotificationsOfAWindow() {
        String customer = newCustomer();
        OrderPaid young = new OrderPaid(UUID.randomUUID(), START.plus(Duration.ofHours(2)), UUID.randomUUID().toString(),
                customer, new BigDecimal("5.00"), 4);
        OrderPaid old = new OrderPaid(UUID.randomUUID(), START, UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), 4);
        clock.set(START.plus(Duration.ofHours(2)).plusSeconds(5));

        deliver(young, Destinations.ORDERS_PAID);
        deliver(old, Destinations.ORDERS_PAID);

        await().until(() -> isProcessed(young) && isProcessed(old));
        assertThat(notifier.handledIn(START.plus(Duration.ofHours(2)), START.plus(Duration.ofHours(3))).notifications())
                .extracting(SentNotification::orderId, SentNotification::status)
                .containsExactlyInAnyOrder(tuple(young.orderId(), NotificationStatus.SENT),
                        tuple(old.orderId(), NotificationStatus.EXPIRED));
    }

    @Test
    void aCorrectionCompensatesExpiredNotificationsWithOneNoticeOfTheOrdersStatus() {
        String customer = newCustomer();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), START, UUID.randomUUID().toString(), customer,
                new BigDecimal("5.00"), 3);
        clock.advance(Duration.ofHours(1));
        deliver(confirmed, Destinations.ORDERS_CONFIRMED);
        await().until(() -> isProcessed(confirmed));
        // the reconciliation's SMS correction, twice under two event ids, and one for another service
        CorrectionIssued correction = new CorrectionIssued(UUID.randomUUID(), clock.instant(), confirmed.orderId(),
                customer, CorrectionKind.SMS, 0, "CONFIRMED", 0);
        CorrectionIssued again = new CorrectionIssued(UUID.randomUUID(), clock.instant(), confirmed.orderId(),
                customer, CorrectionKind.SMS, 0, "CONFIRMED", 0);
        CorrectionIssued notMine = new CorrectionIssued(UUID.randomUUID(), clock.instant(), confirmed.orderId(),
                customer, CorrectionKind.POINTS, 0, null, 0);

        deliver(correction, Destinations.CORRECTIONS_ISSUED);
        deliver(again, Destinations.CORRECTIONS_ISSUED);
        deliver(notMine, Destinations.CORRECTIONS_ISSUED);

        await().until(() -> isProcessed(correction) && isProcessed(again) && isProcessed(notMine));
        assertThat(notifier.forOrder(confirmed.orderId())).extracting(SentNotification::type, SentNotification::status)
                .containsExactly(tuple(NotificationType.ORDER_CONFIRMED, NotificationStatus.EXPIRED),
                        tuple(NotificationType.ORDER_STATUS, NotificationStatus.SENT));
        verify(gateway, times(1)).send(new SmsMessage(confirmed.orderId() + ":ORDER_STATUS", customer,
                "Your order " + confirmed.orderId() + " is confirmed and awaits its payment"));
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().endsWith("ORDER_CONFIRMED")
                && m.idempotencyKey().startsWith(confirmed.orderId())));
    }

    @Test
    void recordsABrokerExpiryOnceWithItsReasonAndKeepsANotificationHandledBefore() {
        String customer = newCustomer();
        String sentFirst = UUID.randomUUID().toString();
        String expired = UUID.randomUUID().toString();
        String reason = "expired in the broker after 600000 ms in orders.paid.sms-service-1";
        notifier.notifyPaid(sentFirst, customer, new BigDecimal("5.00"), START);

        notifier.expiredPaid(sentFirst, customer, new BigDecimal("5.00"), START, reason);
        notifier.expiredCancelled(expired, customer, "PAYMENT_TIMEOUT", START, reason);
        notifier.expiredCancelled(expired, customer, "PAYMENT_TIMEOUT", START, reason + " again");

        assertThat(notifier.forOrder(sentFirst)).extracting(SentNotification::status)
                .containsExactly(NotificationStatus.SENT);
        assertThat(notifier.forOrder(expired)).extracting(SentNotification::type, SentNotification::status,
                SentNotification::reason, SentNotification::at)
                .containsExactly(tuple(NotificationType.ORDER_CANCELLED, NotificationStatus.EXPIRED, reason, START));
        verify(gateway, never()).send(argThat(m -> m.idempotencyKey().startsWith(expired)));
    }

    @Test
    void recordsNoExpiredConfirmationAfterTheOrdersCancellation() {
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        notifier.notifyCancelled(order, customer, "CUSTOMER", START);

        notifier.expiredConfirmed(order, customer, new BigDecimal("5.00"), START,
                "expired in the broker after 600000 ms in orders.confirmed.sms-service-0");

        assertThat(notifier.forOrder(order)).extracting(SentNotification::type)
                .containsExactly(NotificationType.ORDER_CANCELLED);
    }

    @Test
    void refusesABrokerExpiryWithoutAReasonOrIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> notifier.expiredPaid(UUID.randomUUID().toString(),
                newCustomer(), new BigDecimal("5.00"), START, " "));
        assertThatIllegalArgumentException().isThrownBy(() -> notifier.expiredRejected(UUID.randomUUID().toString(),
                null, "OUT_OF_STOCK", START, "expired in the broker"));
    }

    private boolean isProcessed(DomainEvent event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                event.eventId().toString()) == 1;
    }

    private void deliver(DomainEvent event, String destination) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(event)).build(), destination);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
