package io.orderpipeline.messaging.contract;

/**
 * Names of the message headers that carry routing and tracing metadata beside the JSON payload.
 */
public final class EventHeaders {

    /** The simple name of the event record, for example {@code OrderPlaced}. */
    public static final String EVENT_TYPE = "eventType";

    /** The event's UUID, the same as its {@code eventId} field: the consumers' idempotency key. */
    public static final String EVENT_ID = "eventId";

    /** The partition key: the order id. Producers partition on it ({@code headers['partitionKey']}). */
    public static final String PARTITION_KEY = "partitionKey";

    /** Correlates all events of one order across services: the order id. */
    public static final String CORRELATION_ID = "correlationId";

    private EventHeaders() {
    }
}
