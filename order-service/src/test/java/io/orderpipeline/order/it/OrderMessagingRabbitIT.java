package io.orderpipeline.order.it;

import io.orderpipeline.messaging.testing.OnRabbit;

/** {@link OrderMessagingScenario} on RabbitMQ (vhost {@code it-order-messaging-rabbit-it}) and MySQL (database {@code it_order_messaging_rabbit_it}). */
@OnRabbit
class OrderMessagingRabbitIT extends OrderMessagingScenario {
}
