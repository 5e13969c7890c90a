package io.orderpipeline.points.it;

import io.orderpipeline.messaging.testing.OnKafka;

/** {@link PointsMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_points_messaging_kafka_it}). */
@OnKafka
class PointsMessagingKafkaIT extends PointsMessagingScenario {
}
