package io.orderpipeline.points.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderConfirmed;
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
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class AwardPointsTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    PointsLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void awardsFlooredTotalForConfirmedOrder() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        deliver(confirmed(orderId, customer, "41.99"));

        await().untilAsserted(() -> assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::orderId, LedgerEntry::points).containsExactly(tuple(orderId, 41L)));
    }

    @Test
    void awardsPointsOnceForDuplicateDelivery() {
        String customer = newCustomer();
        OrderConfirmed event = confirmed(UUID.randomUUID().toString(), customer, "10.00");
        OrderConfirmed later = confirmed(UUID.randomUUID().toString(), customer, "5.00");

        deliver(event);
        deliver(event);
        deliver(later);

        // the later order's credit shows that both deliveries of the first event were handled
        await().untilAsserted(() -> assertThat(ledger.pointsOf(customer).entries()).hasSize(2));
        assertThat(ledger.pointsOf(customer).balance()).isEqualTo(15);
    }

    @Test
    void awardsPointsOnceForOrderConfirmedTwiceUnderDifferentEventIds() {
        String customer = newCustomer();
        String orderId = UUID.randomUUID().toString();

        OrderConfirmed first = confirmed(orderId, customer, "10.00");
        OrderConfirmed reemitted = confirmed(orderId, customer, "10.00");

        deliver(first);
        deliver(reemitted);

        await().until(() -> isProcessed(reemitted));
        assertThat(ledger.pointsOf(customer).entries())
                .extracting(LedgerEntry::orderId, LedgerEntry::points).containsExactly(tuple(orderId, 10L));
    }

    @Test
    void negativeTotalIsNotAppliedAndNotMarkedProcessed() {
        String customer = newCustomer();
        OrderConfirmed invalid = confirmed(UUID.randomUUID().toString(), customer, "-1.00");
        OrderConfirmed valid = confirmed(UUID.randomUUID().toString(), customer, "3.00");

        deliver(invalid);
        deliver(valid);

        await().untilAsserted(() -> assertThat(ledger.pointsOf(customer).balance()).isEqualTo(3));
        assertThat(ledger.pointsOf(customer).entries()).hasSize(1);
        assertThat(isProcessed(invalid)).isFalse();
    }

    private boolean isProcessed(OrderConfirmed event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                event.eventId().toString()) == 1;
    }

    private void deliver(OrderConfirmed event) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .setHeader(EventHeaders.EVENT_TYPE, "OrderConfirmed")
                .setHeader(EventHeaders.EVENT_ID, event.eventId().toString())
                .setHeader(EventHeaders.PARTITION_KEY, event.orderId())
                .build(), Destinations.ORDERS_CONFIRMED);
    }

    private static OrderConfirmed confirmed(String orderId, String customer, String total) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total));
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
