package io.orderpipeline.coupon.messaging;

import java.util.function.Consumer;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.orderpipeline.messaging.contract.OrderConfirmed;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer of {@code orders.confirmed}: binding {@code issueWelcomeCoupon-in-0}. */
@Configuration(proxyBeanMethods = false)
class CouponMessaging {

    @Bean
    Consumer<OrderConfirmed> issueWelcomeCoupon(WelcomeCoupons coupons) {
        return event -> coupons.issue(event.eventId(), event.orderId(), event.customerId());
    }
}
