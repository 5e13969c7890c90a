package io.orderpipeline.inventory.it;

import io.orderpipeline.messaging.testing.OnKafka;

/** {@link InventoryMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_inventory_messaging_kafka_it}). */
@OnKafka
class InventoryMessagingKafkaIT extends InventoryMessagingScenario {
}
