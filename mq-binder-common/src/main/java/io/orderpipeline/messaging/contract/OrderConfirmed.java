package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An order's stock was reserved and the order is CONFIRMED.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was confirmed
 * @param orderId    the order id
 * @param customerId the customer
 * @param total      the order total, currency scale 2
 */
public record OrderConfirmed(UUID eventId, Instant occurredAt, String orderId, String customerId, BigDecimal total)
        implements DomainEvent {
}
