package io.orderpipeline.coupon.it;

import io.orderpipeline.messaging.testing.OnKafka;

/** {@link CouponMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_coupon_messaging_kafka_it}). */
@OnKafka
class CouponMessagingKafkaIT extends CouponMessagingScenario {
}
