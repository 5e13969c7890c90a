package io.orderpipeline.points.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The ledger's rules on its own, called as the inbox would call it but without the inbox (so also as it behaves with
 * {@code pipeline.inbox.sequence-check=false}), on the migrated schema (H2).
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class PointsLedgerTests {

    @Autowired
    PointsLedger ledger;

    @Test
    void reversesACreditOnceWithANegativeEntry() {
        String customer = newCustomer();
        String order = newOrder();

        ledger.award(order, customer, new BigDecimal("10.99"));
        ledger.reverse(order, customer);
        ledger.reverse(order, customer);

        CustomerPoints points = ledger.pointsOf(customer);
        assertThat(points.entries()).extracting(LedgerEntry::orderId, LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(tuple(order, EntryKind.CREDIT, 10L), tuple(order, EntryKind.REVERSAL, -10L));
        assertThat(points.balance()).isZero();
    }

    @Test
    void cancellationSeenBeforeItsConfirmationKeepsTheOrderFromEverBeingCredited() {
        String customer = newCustomer();
        String order = newOrder();

        ledger.reverse(order, customer);
        ledger.award(order, customer, new BigDecimal("10.00"));
        ledger.award(order, customer, new BigDecimal("10.00"));
        ledger.reverse(order, customer);

        CustomerPoints points = ledger.pointsOf(customer);
        assertThat(points.entries()).extracting(LedgerEntry::orderId, LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(tuple(order, EntryKind.REVERSAL, 0L));
        assertThat(points.balance()).isZero();
    }

    @Test
    void creditsAnOrderConfirmedTwiceOnce() {
        String customer = newCustomer();
        String order = newOrder();

        ledger.award(order, customer, new BigDecimal("7.00"));
        ledger.award(order, customer, new BigDecimal("7.00"));

        assertThat(ledger.pointsOf(customer).entries()).extracting(LedgerEntry::kind).containsExactly(EntryKind.CREDIT);
        assertThat(ledger.pointsOf(customer).balance()).isEqualTo(7);
    }

    @Test
    void reversesOnlyTheCancelledOrder() {
        String customer = newCustomer();
        String kept = newOrder();
        String cancelled = newOrder();

        ledger.award(kept, customer, new BigDecimal("5.00"));
        ledger.award(cancelled, customer, new BigDecimal("20.00"));
        ledger.reverse(cancelled, customer);

        assertThat(ledger.pointsOf(customer).balance()).isEqualTo(5);
        assertThat(ledger.pointsOf(customer).entries()).hasSize(3);
    }

    @Test
    void refusesACancellationWithoutCustomer() {
        assertThatIllegalArgumentException().isThrownBy(() -> ledger.reverse(newOrder(), " "));
        assertThatIllegalArgumentException().isThrownBy(() -> ledger.reverse(null, newCustomer()));
    }

    @Test
    void listsTheEntriesWrittenInAWindowWithTheirCustomer() {
        String customer = newCustomer();
        String order = newOrder();
        Instant before = Instant.now().minusMillis(1);

        ledger.award(order, customer, new BigDecimal("3.00"));
        ledger.reverse(order, customer);
        Instant after = Instant.now().plus(1, ChronoUnit.MILLIS);

        LedgerWindow window = ledger.entriesBetween(before, after);
        assertThat(window.truncated()).isFalse();
        assertThat(window.entries()).filteredOn(entry -> entry.orderId().equals(order))
                .extracting(LedgerEntry::customerId, LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(tuple(customer, EntryKind.CREDIT, 3L), tuple(customer, EntryKind.REVERSAL, -3L));
        assertThat(ledger.entriesBetween(after, after.plusSeconds(3600)).entries())
                .noneMatch(entry -> entry.orderId().equals(order));
        assertThat(ledger.entriesBetween(before, null).entries()).anyMatch(entry -> entry.orderId().equals(order));
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        Instant now = Instant.now();

        assertThatIllegalArgumentException().isThrownBy(() -> ledger.entriesBetween(now, now));
        assertThatIllegalArgumentException().isThrownBy(() -> ledger.entriesBetween(now, now.minusSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> ledger.entriesBetween(null, now));
    }

    private static String newOrder() {
        return UUID.randomUUID().toString();
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
