package io.orderpipeline.points.it;

import io.orderpipeline.messaging.testing.OnRabbit;

/** {@link PointsMessagingScenario} on RabbitMQ (vhost {@code it-points-messaging-rabbit-it}) and MySQL (database {@code it_points_messaging_rabbit_it}). */
@OnRabbit
class PointsMessagingRabbitIT extends PointsMessagingScenario {
}
