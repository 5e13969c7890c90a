package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the pipeline carries: a unique id (the idempotency key of its consumers), the
 * time it occurred, the order it belongs to (its partition key) and its position among that order's events.
 */
public interface DomainEvent {

    /** @return the event's unique id; a redelivery carries the same id */
    UUID eventId();

    /** @return when the producer recorded the event (UTC) */
    Instant occurredAt();

    /** @return the order the event belongs to; used as partition key and correlation id */
    String orderId();

    /**
     * @return the event's position among its order's events: {@code OrderPlaced} 1, inventory's answer 2,
     *         the outcome ({@code OrderConfirmed} / {@code OrderRejected}) 3; {@link #UNKNOWN_SEQUENCE} for an
     *         event sent before sequence numbers existed (the JSON lacks the field; the records mark the
     *         component {@code @JsonSetter(nulls = AS_EMPTY)} because Jackson 3 refuses a missing primitive by
     *         default, {@code FAIL_ON_NULL_FOR_PRIMITIVES})
     */
    long sequence();

    /** The sequence of an event without one: neither in nor out of order. */
    long UNKNOWN_SEQUENCE = 0;

    /** The sequence of an order's first event, {@code OrderPlaced}. */
    long FIRST_SEQUENCE = 1;
}
