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
 * @param traceParent  the W3C {@code traceparent} of the span that appended the row, or null (tracing off)
 * @param traceState   the W3C {@code tracestate} stored with it, or null
 */
public record OutboxRecord(long id, UUID eventId, String eventType, String destination, String partitionKey,
        String payload, String traceParent, String traceState) {

    /** A row without a stored trace context. */
    public OutboxRecord(long id, UUID eventId, String eventType, String destination, String partitionKey,
            String payload) {
        this(id, eventId, eventType, destination, partitionKey, payload, null, null);
    }
}
