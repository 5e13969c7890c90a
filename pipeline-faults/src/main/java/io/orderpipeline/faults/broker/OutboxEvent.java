package io.orderpipeline.faults.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.orderpipeline.messaging.contract.EventHeaders;

/**
 * An event order-service wrote to its outbox, as the relay publishes it.
 *
 * @param destination  e.g. {@code orders.placed}
 * @param eventId      the event's id (header {@code eventId})
 * @param eventType    the simple class name (header {@code eventType})
 * @param partitionKey the order id
 * @param payload      the JSON body
 */
public record OutboxEvent(String destination, String eventId, String eventType, String partitionKey, String payload) {

    /** @return the headers the relay sets: event type, event id, partition key and correlation id (the order id) */
    public Map<String, String> headers() {
        return Map.of(EventHeaders.EVENT_TYPE, eventType, EventHeaders.EVENT_ID, eventId,
                EventHeaders.PARTITION_KEY, partitionKey, EventHeaders.CORRELATION_ID, partitionKey);
    }

    /** @return the payload as UTF-8 bytes */
    public byte[] body() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }
}
