package io.orderpipeline.messaging.outbox;

import java.util.UUID;

/**
 * One unsent row of the outbox, as the relay reads it.
 *
 * @param id           the row id; the relay publishes in ascending id order
 * @param eventId      the event's id, sent as header {@code eventId}
 * @param eventType    the event's simple class name, sent as header {@code eventType}
 * @param destination  the destination name, for example {@code orders.placed}
 * @param partitionKey the partition key (the order id)
 * @param payload      the event as JSON
 */
public record OutboxRecord(long id, UUID eventId, String eventType, String destination, String partitionKey,
        String payload) {
}
