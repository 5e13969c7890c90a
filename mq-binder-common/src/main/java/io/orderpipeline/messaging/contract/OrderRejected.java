package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * An order could not be fulfilled and is REJECTED.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was rejected
 * @param orderId    the order id
 * @param customerId the customer
 * @param reason     why
 */
public record OrderRejected(UUID eventId, Instant occurredAt, String orderId, String customerId, RejectionReason reason)
        implements DomainEvent {
}
