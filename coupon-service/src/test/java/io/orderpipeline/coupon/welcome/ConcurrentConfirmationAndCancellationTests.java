package io.orderpipeline.coupon.welcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
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
import static org.mockito.Mockito.doAnswer;

/**
 * A confirmation and a cancellation of a new order delivered at the same time, as from their two destinations
 * (sequence numbers unknown, so the inbox does not judge them): both find no {@code welcome_order} row before either
 * writes one, so its primary key decides, and the loser's redelivery sees the winner's row.
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
    WelcomeCoupons welcomeCoupons;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManager entityManager;
    @MockitoSpyBean
    WelcomeOrders orders;

    @Test
    void aConfirmationAndACancellationRacingForANewOrderEndWithoutAnActiveCouponAndBothProcessed() {
        String customer = "c-" + UUID.randomUUID();
        String order = UUID.randomUUID().toString();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), Instant.now(), order, customer,
                new BigDecimal("19.99"), DomainEvent.UNKNOWN_SEQUENCE);
        OrderCancelled cancelled = new OrderCancelled(UUID.randomUUID(), Instant.now(), order, customer,
                new BigDecimal("19.99"), CancellationReason.CUSTOMER, DomainEvent.UNKNOWN_SEQUENCE);
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        AtomicInteger checks = new AtomicInteger();
        // the same lookup through the transaction's entity manager: a spy of a repository proxy cannot call the real
        // method; only the first two checks meet, the loser's retry must run alone
        Answer<Optional<WelcomeOrder>> lookUp = invocation -> {
            Optional<WelcomeOrder> found = Optional.ofNullable(entityManager.find(WelcomeOrder.class, order));
            if (checks.incrementAndGet() <= 2) {
                bothChecked.await(10, TimeUnit.SECONDS);
            }
            return found;
        };
        doAnswer(invocation -> lookUp.answer(invocation).isPresent()).when(orders).existsById(order);
        doAnswer(lookUp).when(orders).findById(order);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> deliver(Destinations.ORDERS_CONFIRMED, confirmed));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> deliver(Destinations.ORDERS_CANCELLED, cancelled));

        await().atMost(30, TimeUnit.SECONDS).until(() -> one.isDone() && two.isDone());
        assertThat(bothChecked.isBroken()).as("both consumers checked before either wrote").isFalse();
        assertThat(checks.get()).as("the loser looked again").isGreaterThanOrEqualTo(3);
        assertThat(welcomeCoupons.of(customer)).allMatch(coupon -> coupon.status() == CouponStatus.REVOKED);
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
