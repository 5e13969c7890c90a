package io.orderpipeline.coupon.it;

import io.orderpipeline.messaging.testing.OnRabbit;

/** {@link CouponMessagingScenario} on RabbitMQ (vhost {@code it-coupon-messaging-rabbit-it}) and MySQL (database {@code it_coupon_messaging_rabbit_it}). */
@OnRabbit
class CouponMessagingRabbitIT extends CouponMessagingScenario {
}
