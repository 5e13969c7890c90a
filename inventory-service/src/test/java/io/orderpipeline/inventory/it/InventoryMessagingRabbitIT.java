package io.orderpipeline.inventory.it;

import io.orderpipeline.messaging.testing.OnRabbit;

/** {@link InventoryMessagingScenario} on RabbitMQ (vhost {@code it-inventory-messaging-rabbit-it}) and MySQL (database {@code it_inventory_messaging_rabbit_it}). */
@OnRabbit
class InventoryMessagingRabbitIT extends InventoryMessagingScenario {
}
