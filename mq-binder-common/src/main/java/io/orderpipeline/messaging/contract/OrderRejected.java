package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * An order could not be fulfilled and is REJECTED.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was rejected
 * @param orderId    the order id
 * @param customerId the customer
 * @param reason     why
 * @param sequence   the event's position among its order's events: inventory's answer's sequence + 1;
 *                   0 if unknown (sent before sequence numbers existed)
 */
public record OrderRejected(UUID eventId, Instant occurredAt, String orderId, String customerId, RejectionReason reason,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {

    /** The event without a sequence number (0, unknown), as producers before sequence numbers sent it. */
    public OrderRejected(UUID eventId, Instant occurredAt, String orderId, String customerId, RejectionReason reason) {
        this(eventId, occurredAt, orderId, customerId, reason, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
