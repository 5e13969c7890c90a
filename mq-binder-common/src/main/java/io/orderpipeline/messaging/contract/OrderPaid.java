package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A CONFIRMED order was paid and is PAID.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the payment committed
 * @param orderId    the order id
 * @param customerId the customer
 * @param amount     the amount paid, equal to the order total, currency scale 2
 * @param sequence   0: a payment does not supersede the confirmation before it (a consumer of both applies both, in
 *                   the order its destinations deliver them), so the inbox's per-order sequence check leaves it out
 */
public record OrderPaid(UUID eventId, Instant occurredAt, String orderId, String customerId, BigDecimal amount,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {
}
