package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stock was reserved for every line of an order, and the lines were priced.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the reservation committed
 * @param orderId    the order id
 * @param lines      the priced lines, in the order's line order
 * @param total      the sum of quantity × unit price, currency scale 2
 */
public record StockReserved(UUID eventId, Instant occurredAt, String orderId, List<PricedLine> lines, BigDecimal total)
        implements StockResult {
}
