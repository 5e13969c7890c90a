package io.orderpipeline.inventory.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.orderpipeline.inventory.stock.ReservationStatus;
import io.orderpipeline.inventory.stock.RequestedLine;
import io.orderpipeline.inventory.stock.StockCatalog;
import io.orderpipeline.inventory.stock.StockLevel;
import io.orderpipeline.inventory.stock.StockReservations;
import io.orderpipeline.messaging.EventMessages;
import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code releaseStock-in-0} on the test binder: an {@code OrderCancelled} releases its order's reservation once. */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ReleaseStockTests {

    @Autowired
    InputDestination input;
    @Autowired
    StockCatalog catalog;
    @Autowired
    StockReservations reservations;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Consumer<Message<?>> releaseStock;

    private String sku;

    @BeforeEach
    void givenAReservation() {
        sku = "L-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.put(sku, 10, new BigDecimal("2.00"));
    }

    @Test
    void releasesTheReservationOfACancelledOrder() {
        String orderId = reserved(3);

        send(cancelled(orderId));

        await().untilAsserted(() -> assertThat(catalog.find(sku))
                .contains(new StockLevel(sku, 10, 0, new BigDecimal("2.00"))));
        assertThat(reservations.decided(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void releasesOnceForADuplicateDeliveryAndASecondCancellation() {
        String orderId = reserved(3);
        // holds more than orderId: a second release of orderId would find enough reserved units and go through
        String other = reserved(5);
        OrderCancelled cancelled = cancelled(orderId);
        double duplicatesBefore = meters.counter(Inbox.DUPLICATES_METRIC, "group", "inventory-service").count();
        double staleBefore = meters.counter(OutOfOrderEvents.METRIC, "group", "inventory-service").count();

        send(cancelled);
        send(cancelled);
        // another cancellation with the same sequence: stale for the inbox's per-order check
        send(cancelled(orderId));
        // another cancellation of the same order, without a sequence so the inbox's per-order check does not
        // judge it: the reservation's own state keeps it from releasing twice
        send(new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, "c-1", new BigDecimal("6.00"),
                CancellationReason.PAYMENT_TIMEOUT, 0));
        send(cancelled(other));

        await().untilAsserted(() -> assertThat(reservations.decided(other).orElseThrow().status())
                .isEqualTo(ReservationStatus.RELEASED));
        assertThat(catalog.find(sku)).contains(new StockLevel(sku, 10, 0, new BigDecimal("2.00")));
        assertThat(meters.counter(Inbox.DUPLICATES_METRIC, "group", "inventory-service").count() - duplicatesBefore)
                .isEqualTo(1);
        assertThat(meters.counter(OutOfOrderEvents.METRIC, "group", "inventory-service").count() - staleBefore)
                .isEqualTo(1);
    }

    @Test
    void aCancellationOfAnOrderNeverSeenChangesNothingAndIsRecordedAsSeen() {
        String held = reserved(4);
        OrderCancelled unknown = cancelled(UUID.randomUUID().toString());

        send(unknown);

        await().untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message "
                        + "WHERE consumer_group = 'inventory-service' AND event_id = ? AND order_id = ?", Long.class,
                unknown.eventId().toString(), unknown.orderId())).isEqualTo(1));
        assertThat(catalog.find(sku)).contains(new StockLevel(sku, 6, 4, new BigDecimal("2.00")));
        assertThat(reservations.decided(unknown.orderId())).isEmpty();
        assertThat(reservations.decided(held).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aCancellationOfARejectedOrderChangesNothing() {
        String rejected = UUID.randomUUID().toString();
        reservations.reserve(rejected, List.of(new RequestedLine(sku, 11)));
        OrderCancelled cancelled = cancelled(rejected);

        send(cancelled);

        await().untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message "
                + "WHERE consumer_group = 'inventory-service' AND event_id = ?", Long.class,
                cancelled.eventId().toString())).isEqualTo(1));
        assertThat(catalog.find(sku)).contains(new StockLevel(sku, 10, 0, new BigDecimal("2.00")));
        assertThat(reservations.decided(rejected).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
    }

    @Test
    void refusesACancellationWithoutAValidOrderId() {
        for (String orderId : new String[] {null, " ", "x".repeat(37)}) {
            OrderCancelled invalid = new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, "c-1",
                    BigDecimal.ONE, CancellationReason.CUSTOMER, 4);
            assertThatThrownBy(() -> releaseStock.accept(MessageBuilder.withPayload(json.writeValueAsBytes(invalid))
                    .build())).isInstanceOf(IllegalArgumentException.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                    invalid.eventId().toString())).as("rolled back with the inbox row").isZero();
        }
    }

    @Test
    void aStockCorrectionReleasesAReservationNoLiveOrderExplainsOnceAndOtherKindsChangeNothing() {
        String stray = reserved(4);
        CorrectionIssued correction = correction(stray, CorrectionKind.STOCK);
        CorrectionIssued again = correction(stray, CorrectionKind.STOCK);
        String kept = reserved(2);
        CorrectionIssued notMine = correction(kept, CorrectionKind.POINTS);

        for (CorrectionIssued event : List.of(correction, correction, again, notMine)) {
            input.send(EventMessages.of(json.writeValueAsBytes(event), "CorrectionIssued", event.eventId(),
                    event.orderId()).build(), Destinations.CORRECTIONS_ISSUED);
        }

        await().untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message "
                + "WHERE event_id = ?", Long.class, notMine.eventId().toString())).isEqualTo(1));
        assertThat(reservations.decided(stray).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservations.decided(kept).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(catalog.find(sku)).contains(new StockLevel(sku, 8, 2, new BigDecimal("2.00")));
    }

    private static CorrectionIssued correction(String orderId, CorrectionKind kind) {
        return new CorrectionIssued(UUID.randomUUID(), Instant.now(), orderId, null, kind, 0, null, 0);
    }

    private String reserved(int quantity) {
        String orderId = UUID.randomUUID().toString();
        reservations.reserve(orderId, List.of(new RequestedLine(sku, quantity)));
        return orderId;
    }

    private static OrderCancelled cancelled(String orderId) {
        return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, "c-1", new BigDecimal("6.00"),
                CancellationReason.CUSTOMER, 4);
    }

    private void send(OrderCancelled cancelled) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(cancelled))
                .setHeader(EventHeaders.EVENT_ID, cancelled.eventId().toString())
                .setHeader(EventHeaders.EVENT_TYPE, "OrderCancelled")
                .setHeader(EventHeaders.PARTITION_KEY, cancelled.orderId())
                .build(), Destinations.ORDERS_CANCELLED);
    }
}
