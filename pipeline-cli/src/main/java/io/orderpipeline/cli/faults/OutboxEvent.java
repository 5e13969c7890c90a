package io.orderpipeline.cli.faults;

/**
 * An event order-service wrote to its outbox, as the relay publishes it.
 *
 * @param destination  e.g. {@code orders.placed}
 * @param eventId      the event's id (header {@code eventId})
 * @param eventType    the simple class name (header {@code eventType})
 * @param partitionKey the order id
 * @param payload      the JSON body
 */
record OutboxEvent(String destination, String eventId, String eventType, String partitionKey, String payload) {
}
