package io.orderpipeline.coupon.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.coupon.welcome.IssuedCoupon;
import io.orderpipeline.coupon.welcome.WelcomeCoupons;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class IssueWelcomeCouponTests {

    @Autowired
    InputDestination input;
    @Autowired
    JsonMapper json;
    @Autowired
    WelcomeCoupons coupons;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void issuesWelcomeCouponOnFirstConfirmedOrder() {
        String customer = newCustomer();
        OrderConfirmed first = confirmed(customer);

        deliver(first);

        await().untilAsserted(() -> assertThat(coupons.of(customer)).singleElement().satisfies(coupon -> {
            assertThat(coupon.orderId()).isEqualTo(first.orderId());
            assertThat(coupon.code()).matches("WELCOME-[A-Z0-9]{8}");
        }));
    }

    @Test
    void issuesCouponOnceForDuplicateDelivery() {
        String customer = newCustomer();
        OrderConfirmed first = confirmed(customer);

        deliver(first);
        deliver(first);

        await().untilAsserted(() -> assertThat(coupons.of(customer)).hasSize(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE customer_id = ?", Long.class, customer))
                .isEqualTo(1);
    }

    @Test
    void issuesOneCouponForTwoConfirmedOrdersOfOneCustomer() {
        String customer = newCustomer();
        OrderConfirmed first = confirmed(customer);
        OrderConfirmed second = confirmed(customer);

        deliver(first);
        deliver(second);

        await().until(() -> isProcessed(second));
        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId).containsExactly(first.orderId());
    }

    @Test
    void issuesOneCouponPerCustomer() {
        String alice = newCustomer();
        String bob = newCustomer();

        deliver(confirmed(alice));
        deliver(confirmed(bob));

        await().untilAsserted(() -> {
            assertThat(coupons.of(alice)).hasSize(1);
            assertThat(coupons.of(bob)).hasSize(1);
        });
        assertThat(coupons.of(alice).get(0).code()).isNotEqualTo(coupons.of(bob).get(0).code());
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

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
