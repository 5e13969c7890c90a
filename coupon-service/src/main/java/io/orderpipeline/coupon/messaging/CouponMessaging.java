package io.orderpipeline.coupon.messaging;

import java.util.List;
import java.util.function.Consumer;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.KafkaBatchConsumers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of {@code orders.confirmed}: binding {@code issueWelcomeCoupon-in-0}, one event at a time, or
 * one poll's events in one transaction where {@code pipeline.messaging.batch-consumers=true} (Kafka; the
 * binding's {@code batch-mode} follows the same property).
 */
@Configuration(proxyBeanMethods = false)
class CouponMessaging {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "pipeline.messaging.batch-consumers", havingValue = false, matchIfMissing = true)
    static class OneAtATime {

        @Bean
        Consumer<OrderConfirmed> issueWelcomeCoupon(WelcomeCoupons coupons) {
            return event -> issue(coupons, event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("pipeline.messaging.batch-consumers")
    static class Batches {

        @Bean
        Consumer<List<byte[]>> issueWelcomeCoupon(WelcomeCoupons coupons, KafkaBatchConsumers batches) {
            return batches.of(OrderConfirmed.class, event -> issue(coupons, event));
        }
    }

    private static void issue(WelcomeCoupons coupons, OrderConfirmed event) {
        coupons.issue(event.eventId(), event.orderId(), event.customerId());
    }
}
