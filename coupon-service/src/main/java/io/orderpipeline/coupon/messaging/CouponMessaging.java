package io.orderpipeline.coupon.messaging;

import java.util.function.Consumer;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.Inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer of {@code orders.confirmed}: binding {@code issueWelcomeCoupon-in-0}, through the library's inbox
 * (one event at a time, or one Kafka poll's events in one transaction where the binding is in batch mode).
 */
@Configuration(proxyBeanMethods = false)
class CouponMessaging {

    @Bean
    Consumer<Message<?>> issueWelcomeCoupon(Inbox inbox, WelcomeCoupons coupons) {
        return inbox.consumer(OrderConfirmed.class, event -> coupons.issue(event.orderId(), event.customerId()));
    }
}
