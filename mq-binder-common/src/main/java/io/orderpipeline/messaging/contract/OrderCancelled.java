package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A CONFIRMED order was cancelled before it was paid and is CANCELLED; what its confirmation caused (reserved
 * stock, points, the welcome coupon) is to be compensated.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the cancellation committed
 * @param orderId    the order id
 * @param customerId the customer
 * @param total      the order total, currency scale 2
 * @param reason     who or what cancelled it
 * @param sequence   the event's position among its order's events: the outcome's sequence + 1 (4);
 *                   0 if unknown (the order was placed before sequence numbers existed)
 */
public record OrderCancelled(UUID eventId, Instant occurredAt, String orderId, String customerId, BigDecimal total,
        CancellationReason reason, @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {
}
