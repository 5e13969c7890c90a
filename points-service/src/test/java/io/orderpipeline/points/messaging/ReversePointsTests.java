package io.orderpipeline.points.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.points.ledger.EntryKind;
import io.orderpipeline.points.ledger.LedgerEntry;
import io.orderpipeline.points.ledger.PointsLedger;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code reversePoints-in-0}: {@code OrderCancelled} through the inbox, with and without sequence numbers; and
 * {@code correctPoints-in-0}: a reconciliation's {@code CorrectionIssued}.
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ReversePointsTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    PointsLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reversesTheCreditOfACancelledOrderOnceForDuplicateAndReemittedCancellations() {
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        OrderCancelled cancelled = cancelled(order, customer, 4);
        OrderCancelled reemitted = cancelled(order, customer, 4);

        deliver(Destinations.ORDERS_CONFIRMED, confirmed(order, customer, 3));
        deliver(Destinations.ORDERS_CANCELLED, cancelled);
        deliver(Destinations.ORDERS_CANCELLED, cancelled);
        deliver(Destinations.ORDERS_CANCELLED, reemitted);

        await().until(() -> isProcessed(reemitted));
        assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(tuple(EntryKind.CREDIT, 12L), tuple(EntryKind.REVERSAL, -12L));
        assertThat(ledger.pointsOf(customer).balance()).isZero();
    }

    @Test
    void confirmationAfterItsCancellationIsSkippedAsStaleAndCreditsNothing() {
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        OrderConfirmed late = confirmed(order, customer, 3);

        deliver(Destinations.ORDERS_CANCELLED, cancelled(order, customer, 4));
        deliver(Destinations.ORDERS_CONFIRMED, late);

        await().until(() -> isProcessed(late));
        assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::kind, LedgerEntry::points).containsExactly(tuple(EntryKind.REVERSAL, 0L));
    }

    @Test
    void confirmationAfterItsCancellationCreditsNothingWithoutSequenceNumbersToo() {
        // sequence 0 (unknown): the inbox cannot judge the order, the ledger's tombstone does
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        OrderConfirmed late = confirmed(order, customer, DomainEvent.UNKNOWN_SEQUENCE);

        deliver(Destinations.ORDERS_CANCELLED, cancelled(order, customer, DomainEvent.UNKNOWN_SEQUENCE));
        deliver(Destinations.ORDERS_CONFIRMED, late);

        await().until(() -> isProcessed(late));
        assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::kind, LedgerEntry::points).containsExactly(tuple(EntryKind.REVERSAL, 0L));
        assertThat(ledger.pointsOf(customer).balance()).isZero();
    }

    @Test
    void aCorrectionTakesAStrayCreditBackOnceAndIgnoresOtherServicesKinds() {
        // a credit for an order order-service never placed (written behind the pipeline's back)
        String customer = newCustomer();
        String stray = "stray-" + UUID.randomUUID().toString().substring(0, 20);
        ledger.award(stray, customer, new BigDecimal("30.00"));
        CorrectionIssued correction = correction(stray, CorrectionKind.POINTS, 0);
        CorrectionIssued again = correction(stray, CorrectionKind.POINTS, 0);
        CorrectionIssued notMine = correction(stray, CorrectionKind.COUPON, 0);

        deliver(Destinations.CORRECTIONS_ISSUED, correction);
        deliver(Destinations.CORRECTIONS_ISSUED, correction);
        deliver(Destinations.CORRECTIONS_ISSUED, again);
        deliver(Destinations.CORRECTIONS_ISSUED, notMine);

        await().until(() -> isProcessed(notMine));
        assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(tuple(EntryKind.CREDIT, 30L), tuple(EntryKind.CORRECTION, -30L));
        assertThat(ledger.pointsOf(customer).balance()).isZero();
    }

    @Test
    void aCorrectionToTheNetAnOrderHasWritesNothingAndASecondDifferentOneIsRefused() {
        String customer = newCustomer();
        String order = UUID.randomUUID().toString();
        ledger.award(order, customer, new BigDecimal("12.50"));

        assertThat(ledger.correct(order, customer, 12)).isZero();
        assertThat(ledger.correct(order, null, 10)).isEqualTo(-2);
        assertThat(ledger.correct(order, null, 10)).isZero();
        assertThatIllegalStateException().isThrownBy(() -> ledger.correct(order, null, 0))
                .withMessageContaining("corrected before");
        assertThat(ledger.pointsOf(customer).balance()).isEqualTo(10);
        // an order with no entries and a target of 0 needs nothing, not even its customer
        assertThat(ledger.correct(UUID.randomUUID().toString(), null, 0)).isZero();
    }

    private static CorrectionIssued correction(String orderId, CorrectionKind kind, long points) {
        return new CorrectionIssued(UUID.randomUUID(), Instant.now(), orderId, null, kind, points, null, 0);
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
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("12.50"),
                sequence);
    }

    private static OrderCancelled cancelled(String orderId, String customer, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal("12.50"),
                CancellationReason.CUSTOMER, sequence);
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
