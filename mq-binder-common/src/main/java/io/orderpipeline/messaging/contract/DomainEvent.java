package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the pipeline carries: a unique id (the idempotency key of its consumers), the
 * time it occurred, and the order it belongs to (its partition key).
 */
public interface DomainEvent {

    /** @return the event's unique id; a redelivery carries the same id */
    UUID eventId();

    /** @return when the producer recorded the event (UTC) */
    Instant occurredAt();

    /** @return the order the event belongs to; used as partition key and correlation id */
    String orderId();
}
