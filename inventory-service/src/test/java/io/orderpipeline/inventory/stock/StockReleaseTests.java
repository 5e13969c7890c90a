package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StockReservations#release} and {@link StockReservations#touched} on the migrated schema (H2). */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class StockReleaseTests {

    @Autowired
    StockReservations reservations;
    @Autowired
    StockCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;

    private String apple;
    private String pear;

    @BeforeEach
    void givenACatalog() {
        apple = "R-" + UUID.randomUUID().toString().substring(0, 8);
        pear = "R-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.put(apple, 10, new BigDecimal("1.25"));
        catalog.put(pear, 3, new BigDecimal("12.50"));
    }

    @Test
    void releasesEveryLineOfAReservationOnce() {
        String orderId = UUID.randomUUID().toString();
        reservations.reserve(orderId, List.of(line(apple, 2), line(pear, 3), line(apple, 1)));
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 7, 3, new BigDecimal("1.25")));

        assertThat(reservations.release(orderId)).isEqualTo(ReleaseResult.RELEASED);

        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 10, 0, new BigDecimal("1.25")));
        assertThat(catalog.find(pear)).contains(new StockLevel(pear, 3, 0, new BigDecimal("12.50")));
        Reservation released = reservations.decided(orderId).orElseThrow();
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.releasedAt()).isNotNull().isAfterOrEqualTo(released.decidedAt());
    }

    @Test
    void aSecondReleaseReleasesNothing() {
        String orderId = UUID.randomUUID().toString();
        reservations.reserve(orderId, List.of(line(apple, 4)));
        reservations.release(orderId);
        Instant releasedAt = reservations.decided(orderId).orElseThrow().releasedAt();
        // another order holds units of the same SKU: a second release must not hand those back
        reservations.reserve(UUID.randomUUID().toString(), List.of(line(apple, 5)));

        assertThat(reservations.release(orderId)).isEqualTo(ReleaseResult.ALREADY_RELEASED);

        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 5, 5, new BigDecimal("1.25")));
        assertThat(reservations.decided(orderId).orElseThrow().releasedAt()).isEqualTo(releasedAt);
    }

    @Test
    void theCancellationOfARejectedOrderChangesNothing() {
        String held = UUID.randomUUID().toString();
        reservations.reserve(held, List.of(line(pear, 2)));
        String rejected = UUID.randomUUID().toString();
        assertThat(reservations.reserve(rejected, List.of(line(apple, 1), line(pear, 2))).outcome())
                .isInstanceOf(Outcome.Rejected.class);

        assertThat(reservations.release(rejected)).isEqualTo(ReleaseResult.NOTHING_RESERVED);

        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 10, 0, new BigDecimal("1.25")));
        assertThat(catalog.find(pear)).contains(new StockLevel(pear, 1, 2, new BigDecimal("12.50")));
        Reservation stillRejected = reservations.decided(rejected).orElseThrow();
        assertThat(stillRejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(stillRejected.releasedAt()).isNull();
    }

    @Test
    void theCancellationOfAnOrderNeverSeenChangesNothingAndCreatesNoDecision() {
        String unknown = UUID.randomUUID().toString();
        reservations.reserve(UUID.randomUUID().toString(), List.of(line(apple, 3)));

        assertThat(reservations.release(unknown)).isEqualTo(ReleaseResult.UNKNOWN_ORDER);

        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 7, 3, new BigDecimal("1.25")));
        assertThat(reservations.decided(unknown)).isEmpty();
    }

    @Test
    void aReleaseThatTheStockRowsCannotHoldRollsBackWhole() {
        String orderId = UUID.randomUUID().toString();
        reservations.reserve(orderId, List.of(line(apple, 2), line(pear, 2)));
        // the books are wrong behind the service's back: pear holds fewer reserved units than the reservation
        jdbc.update("UPDATE stock_item SET reserved = 1 WHERE sku = ?", pear);

        assertThatThrownBy(() -> reservations.release(orderId)).isInstanceOf(IllegalStateException.class);

        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 8, 2, new BigDecimal("1.25")));
        assertThat(reservations.decided(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void anOrderIdThatCanNeverBeAppliedIsRefused() {
        assertThatThrownBy(() -> reservations.release(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reservations.release(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reservations.release("x".repeat(37))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsTheDecisionsTakenOrReleasedInAWindowByOrderIdInPages() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        String decidedBefore = insertDecision(id("a"), "RESERVED", t0.minusSeconds(60), null);
        String releasedInside = insertDecision(id("b"), "RESERVED", t0.minusSeconds(60),
                t0.plusSeconds(10));
        String decidedInside = insertDecision(id("c"), "RESERVED", t0, null);
        String rejectedInside = insertDecision(id("d"), "REJECTED", t0.plusSeconds(59), null);
        String decidedAtTheEnd = insertDecision(id("e"), "RESERVED", t0.plusSeconds(60), null);
        Instant until = t0.plusSeconds(60);

        List<Reservation> first = reservations.touched(t0, until, "", 2);
        List<Reservation> second = reservations.touched(t0, until, first.get(1).orderId(), 2);

        assertThat(first).extracting(Reservation::orderId).containsExactly(releasedInside, decidedInside);
        assertThat(first.get(0).status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(first.get(0).outcome()).isEqualTo(new Outcome.Reserved(
                List.of(new ReservedLine(apple, 2, new BigDecimal("1.25"))), new BigDecimal("2.50")));
        assertThat(second).extracting(Reservation::orderId).containsExactly(rejectedInside);
        assertThat(second.get(0).status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservations.touched(t0.minusSeconds(60), t0, "", 10)).extracting(Reservation::orderId)
                .contains(decidedBefore, releasedInside).doesNotContain(decidedInside, decidedAtTheEnd);
    }

    private String insertDecision(String orderId, String outcome, Instant decidedAt, Instant releasedAt) {
        boolean reserved = outcome.equals("RESERVED");
        jdbc.update("INSERT INTO stock_decision (order_id, event_id, outcome, reason, sku, total, decided_at, released_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", orderId, UUID.randomUUID().toString(), outcome,
                reserved ? null : "OUT_OF_STOCK", reserved ? null : pear, reserved ? new BigDecimal("2.50") : null,
                LocalDateTime.ofInstant(decidedAt, ZoneOffset.UTC),
                releasedAt == null ? null : LocalDateTime.ofInstant(releasedAt, ZoneOffset.UTC));
        if (reserved) {
            jdbc.update("INSERT INTO stock_decision_line (order_id, line_no, sku, quantity, unit_price) VALUES (?, 0, ?, 2, 1.25)",
                    orderId, apple);
        }
        return orderId;
    }

    /** An order id that sorts by its prefix; 32 characters, as stock_decision holds 36 at most. */
    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 30);
    }

    private static RequestedLine line(String sku, int quantity) {
        return new RequestedLine(sku, quantity);
    }
}
