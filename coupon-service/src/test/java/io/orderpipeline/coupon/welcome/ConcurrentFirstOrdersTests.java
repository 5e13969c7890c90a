package io.orderpipeline.coupon.welcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
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
 * Two first orders of one customer delivered at the same time, as from two partitions: both consumers
 * find no ACTIVE coupon before either inserts one, so the unique key on the active customer decides.
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ConcurrentFirstOrdersTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    WelcomeCoupons welcomeCoupons;
    @Autowired
    JdbcTemplate jdbc;
    @MockitoSpyBean
    Coupons coupons;

    @Test
    void concurrentFirstOrdersOfOneCustomerEndWithOneCouponAndBothEventsProcessed() {
        String customer = "c-" + UUID.randomUUID();
        OrderConfirmed first = confirmed(customer);
        OrderConfirmed second = confirmed(customer);
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        AtomicInteger checks = new AtomicInteger();
        doAnswer(invocation -> {
            // the same query on the same transaction's connection: a spy of a repository proxy cannot
            // call the real method
            boolean found = jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE active_customer_id = ?", Long.class,
                    customer) > 0;
            // only the first two checks meet: the loser's retry must run alone
            if (checks.incrementAndGet() <= 2) {
                bothChecked.await(10, TimeUnit.SECONDS);
            }
            return found;
        }).when(coupons).existsByActiveCustomerId(customer);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> deliver(first));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> deliver(second));

        await().atMost(30, TimeUnit.SECONDS).until(() -> one.isDone() && two.isDone());
        assertThat(bothChecked.isBroken()).as("both consumers checked before either inserted").isFalse();
        assertThat(welcomeCoupons.of(customer)).singleElement()
                .extracting(IssuedCoupon::orderId).isIn(first.orderId(), second.orderId());
        // the loser rolled back, was redelivered and checked again: processed, not dead-lettered
        verify(coupons, atLeast(3)).existsByActiveCustomerId(customer);
        assertThat(isProcessed(first)).isTrue();
        assertThat(isProcessed(second)).isTrue();
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

    private static OrderConfirmed confirmed(String customer) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), customer,
                new BigDecimal("19.99"));
    }
}
