package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * No stock was reserved for an order: one of its lines is unknown or short.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the decision committed
 * @param orderId    the order id
 * @param reason     why
 * @param sku        the first line's SKU that caused the rejection
 */
public record StockRejected(UUID eventId, Instant occurredAt, String orderId, RejectionReason reason, String sku)
        implements StockResult {
}
