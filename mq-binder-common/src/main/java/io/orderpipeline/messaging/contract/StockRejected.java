package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * No stock was reserved for an order: one of its lines is unknown or short.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the decision committed
 * @param orderId    the order id
 * @param reason     why
 * @param sku        the first line's SKU that caused the rejection
 * @param sequence   the event's position among its order's events: the answered {@link OrderPlaced}'s sequence + 1;
 *                   0 if unknown (sent before sequence numbers existed)
 */
public record StockRejected(UUID eventId, Instant occurredAt, String orderId, RejectionReason reason, String sku,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements StockResult {

    /** The event without a sequence number (0, unknown), as producers before sequence numbers sent it. */
    public StockRejected(UUID eventId, Instant occurredAt, String orderId, RejectionReason reason, String sku) {
        this(eventId, occurredAt, orderId, reason, sku, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
