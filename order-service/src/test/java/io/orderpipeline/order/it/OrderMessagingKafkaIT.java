package io.orderpipeline.order.it;

import io.orderpipeline.messaging.testing.OnKafka;

/** {@link OrderMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_order_messaging_kafka_it}). */
@OnKafka
class OrderMessagingKafkaIT extends OrderMessagingScenario {
}
