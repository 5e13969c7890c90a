package io.orderpipeline.coupon.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.coupon.welcome.CouponStatus;
import io.orderpipeline.coupon.welcome.IssuedCoupon;
import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code revokeCoupon-in-0}: {@code OrderCancelled} through the inbox, with and without sequence numbers; and
 * {@code correctCoupon-in-0}: a reconciliation's {@code CorrectionIssued}.
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class RevokeCouponTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    WelcomeCoupons coupons;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void revokesTheCouponOnceAndTheNextConfirmedOrderEarnsOneAgain() {
        String customer = newCustomer();
        OrderConfirmed first = confirmed(UUID.randomUUID().toString(), customer, 3);
        OrderCancelled cancelled = cancelled(first.orderId(), customer, 4);
        OrderCancelled reemitted = cancelled(first.orderId(), customer, 4);
        OrderConfirmed next = confirmed(UUID.randomUUID().toString(), customer, 3);

        deliver(Destinations.ORDERS_CONFIRMED, first);
        deliver(Destinations.ORDERS_CANCELLED, cancelled);
        deliver(Destinations.ORDERS_CANCELLED, cancelled);
        deliver(Destinations.ORDERS_CANCELLED, reemitted);
        deliver(Destinations.ORDERS_CONFIRMED, next);

        await().until(() -> isProcessed(next));
        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId, IssuedCoupon::status)
                .containsExactly(tuple(first.orderId(), CouponStatus.REVOKED), tuple(next.orderId(), CouponStatus.ACTIVE));
    }

    @Test
    void confirmationAfterItsCancellationIsSkippedAsStaleAndIssuesNothing() {
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        OrderConfirmed late = confirmed(order, customer, 3);

        deliver(Destinations.ORDERS_CANCELLED, cancelled(order, customer, 4));
        deliver(Destinations.ORDERS_CONFIRMED, late);

        await().until(() -> isProcessed(late));
        assertThat(coupons.of(customer)).isEmpty();
    }

    @Test
    void confirmationAfterItsCancellationIssuesNothingWithoutSequenceNumbersToo() {
        // sequence 0 (unknown): the inbox cannot judge the order, the cancellation's welcome_order row does
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        OrderConfirmed late = confirmed(order, customer, DomainEvent.UNKNOWN_SEQUENCE);

        deliver(Destinations.ORDERS_CANCELLED, cancelled(order, customer, DomainEvent.UNKNOWN_SEQUENCE));
        deliver(Destinations.ORDERS_CONFIRMED, late);

        await().until(() -> isProcessed(late));
        assertThat(coupons.of(customer)).isEmpty();
    }

    @Test
    void aCouponCorrectionRevokesTheCouponOfAnOrderNobodyPlacedOnceAndTheNextOrderEarnsOneAgain() {
        // an ACTIVE coupon under an order order-service does not know (written behind the pipeline's back)
        String customer = newCustomer();
        String stray = "stray-" + UUID.randomUUID().toString().substring(0, 20);
        coupons.issue(stray, customer);
        CorrectionIssued correction = correction(stray, customer, CorrectionKind.COUPON);
        CorrectionIssued notMine = correction(stray, customer, CorrectionKind.SMS);
        OrderConfirmed next = confirmed(UUID.randomUUID().toString(), customer, 3);

        deliver(Destinations.CORRECTIONS_ISSUED, correction);
        deliver(Destinations.CORRECTIONS_ISSUED, correction);
        deliver(Destinations.CORRECTIONS_ISSUED, notMine);
        await().until(() -> isProcessed(notMine));
        deliver(Destinations.ORDERS_CONFIRMED, next);

        await().until(() -> isProcessed(next));
        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId, IssuedCoupon::status)
                .containsExactly(tuple(stray, CouponStatus.REVOKED), tuple(next.orderId(), CouponStatus.ACTIVE));
        // a second correction of the same coupon changes nothing
        assertThat(coupons.revokeExtra(stray)).isFalse();
        assertThat(coupons.revokeExtra(UUID.randomUUID().toString())).isFalse();
    }

    private static CorrectionIssued correction(String orderId, String customer, CorrectionKind kind) {
        return new CorrectionIssued(UUID.randomUUID(), Instant.now(), orderId, customer, kind, 0, null, 0);
    }

    private boolean isProcessed(DomainEvent event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                event.eventId().toString()) == 1;
    }

    private void deliver(String destination, DomainEvent event) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .setHeader(EventHeaders.EVENT_TYPE, event.getClass().getSimpleName())
                .setHeader(EventHeaders.EVENT_ID, event.eventId().toString())
                .setHeader(EventHeaders.PARTITION_KEY, event.orderId())
                .build(), destination);
    }

    private static OrderConfirmed confirmed(String orderId, String customer, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("19.99"),
                sequence);
    }

    private static OrderCancelled cancelled(String orderId, String customer, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("19.99"),
                CancellationReason.PAYMENT_TIMEOUT, sequence);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
