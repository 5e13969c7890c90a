package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * An order was accepted and stored as PENDING; inventory is asked to reserve its lines.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was stored
 * @param orderId    the order id (UUID text)
 * @param customerId the customer who placed it
 * @param items      the ordered lines, 1 to 100
 * @param sequence   the event's position among its order's events: 1, the order's first event;
 *                   0 if unknown (sent before sequence numbers existed)
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, String orderId, String customerId, List<OrderLine> items,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {

    /** The event without a sequence number (0, unknown), as producers before sequence numbers sent it. */
    public OrderPlaced(UUID eventId, Instant occurredAt, String orderId, String customerId, List<OrderLine> items) {
        this(eventId, occurredAt, orderId, customerId, items, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
