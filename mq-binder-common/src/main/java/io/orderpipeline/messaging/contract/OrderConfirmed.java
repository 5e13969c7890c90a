package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * An order's stock was reserved and the order is CONFIRMED.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was confirmed
 * @param orderId    the order id
 * @param customerId the customer
 * @param total      the order total, currency scale 2
 * @param sequence   the event's position among its order's events: inventory's answer's sequence + 1;
 *                   0 if unknown (sent before sequence numbers existed)
 */
public record OrderConfirmed(UUID eventId, Instant occurredAt, String orderId, String customerId, BigDecimal total,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {

    /** The event without a sequence number (0, unknown), as producers before sequence numbers sent it. */
    public OrderConfirmed(UUID eventId, Instant occurredAt, String orderId, String customerId, BigDecimal total) {
        this(eventId, occurredAt, orderId, customerId, total, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
