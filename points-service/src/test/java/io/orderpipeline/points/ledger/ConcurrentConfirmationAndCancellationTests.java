package io.orderpipeline.points.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderpipeline.messaging.contract.CancellationReason;
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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;

/**
 * A confirmation and a cancellation of a new order delivered at the same time, as from their two destinations
 * (sequence numbers unknown, so the inbox does not judge them): both find no entry before either writes one, so the
 * primary key on the order's first entry decides, and the loser's redelivery sees the winner's entry.
 *
 * <p>The spy makes a context of its own; {@code spring.properties} keeps the shared one from being paused meanwhile.
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ConcurrentConfirmationAndCancellationTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    PointsLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @MockitoSpyBean
    PointsEntries entries;

    @Test
    void aConfirmationAndACancellationRacingForANewOrderEndWithNetZeroPointsAndBothProcessed() {
        String customer = "c-" + UUID.randomUUID();
        String order = UUID.randomUUID().toString();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), Instant.now(), order, customer,
                new BigDecimal("25.00"), DomainEvent.UNKNOWN_SEQUENCE);
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), Instant.now(), order, customer,
                new BigDecimal("25.00"), CancellationReason.CUSTOMER, DomainEvent.UNKNOWN_SEQUENCE);
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        AtomicInteger checks = new AtomicInteger();
        doAnswer(invocation -> {
            // the same query on the same transaction's connection: a spy of a repository proxy cannot
            // call the real method
            List<PointsEntry> found = jdbc.query("SELECT order_id, entry_no, kind, customer_id, points, credited_at "
                    + "FROM points_entry WHERE order_id = ? ORDER BY entry_no", (row, i) -> new PointsEntry(
                            row.getString("order_id"), row.getInt("entry_no"), EntryKind.valueOf(row.getString("kind")),
                            row.getString("customer_id"), row.getLong("points"),
                            row.getTimestamp("credited_at").toInstant()), order);
            // only the first two checks meet: the loser's retry must run alone
            if (checks.incrementAndGet() <= 2) {
                bothChecked.await(10, TimeUnit.SECONDS);
            }
            return found;
        }).when(entries).findByOrderIdOrderByEntryNoAsc(order);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> deliver(Destinations.ORDERS_CONFIRMED, confirmed));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> deliver(Destinations.ORDERS_CANCELLED, cancelled));

        await().atMost(30, TimeUnit.SECONDS).until(() -> one.isDone() && two.isDone());
        assertThat(bothChecked.isBroken()).as("both consumers checked before either wrote").isFalse();
        CustomerPoints points = ledger.pointsOf(customer);
        assertThat(points.balance()).isZero();
        assertThat(points.entries()).extracting(LedgerEntry::kind).endsWith(EntryKind.REVERSAL);
        // the loser rolled back, was redelivered and checked again: processed, not dead-lettered
        verify(entries, atLeast(3)).findByOrderIdOrderByEntryNoAsc(order);
        assertThat(isProcessed(confirmed)).isTrue();
        assertThat(isProcessed(cancelled)).isTrue();
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
}
