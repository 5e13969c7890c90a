package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was accepted and stored as PENDING; inventory is asked to reserve its lines.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was stored
 * @param orderId    the order id (UUID text)
 * @param customerId the customer who placed it
 * @param items      the ordered lines, 1 to 100
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, String orderId, String customerId, List<OrderLine> items)
        implements DomainEvent {
}
