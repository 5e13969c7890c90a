package io.orderpipeline.coupon.messaging;

import java.util.function.Consumer;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.Inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of {@code orders.confirmed} (binding {@code issueWelcomeCoupon-in-0}) and {@code orders.cancelled}
 * (binding {@code revokeCoupon-in-0}), through the library's inbox (one event at a time, or one Kafka poll's events
 * in one transaction where the binding is in batch mode). Both bindings share the group, so the inbox's per-order
 * sequence check skips an {@code OrderConfirmed} (3) that arrives after its order's {@code OrderCancelled} (4); the
 * rule is safe without that check too ({@link WelcomeCoupons}).
 *
 * <p>The consumer of {@code corrections.issued} (binding {@code correctCoupon-in-0}): a reconciliation's
 * {@link CorrectionKind#COUPON} correction revokes the order's coupon ({@link WelcomeCoupons#revokeExtra}); the other
 * kinds are recorded as processed and change nothing here.
 */
@Configuration(proxyBeanMethods = false)
class CouponMessaging {

    @Bean
    Consumer<Message<?>> issueWelcomeCoupon(Inbox inbox, WelcomeCoupons coupons) {
        return inbox.consumer(OrderConfirmed.class, event -> coupons.issue(event.orderId(), event.customerId()));
    }

    @Bean
    Consumer<Message<?>> revokeCoupon(Inbox inbox, WelcomeCoupons coupons) {
        return inbox.consumer(OrderCancelled.class, event -> coupons.revoke(event.orderId(), event.customerId()));
    }

    @Bean
    Consumer<Message<?>> correctCoupon(Inbox inbox, WelcomeCoupons coupons) {
        return inbox.consumer(CorrectionIssued.class, event -> {
            if (event.kind() == CorrectionKind.COUPON) {
                coupons.revokeExtra(event.orderId());
            }
        });
    }
}
