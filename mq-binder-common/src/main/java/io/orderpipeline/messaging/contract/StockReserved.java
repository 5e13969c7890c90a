package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Stock was reserved for every line of an order, and the lines were priced.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the reservation committed
 * @param orderId    the order id
 * @param lines      the priced lines, in the order's line order
 * @param total      the sum of quantity × unit price, currency scale 2
 * @param sequence   the event's position among its order's events: the answered {@link OrderPlaced}'s sequence + 1;
 *                   0 if unknown (sent before sequence numbers existed)
 */
public record StockReserved(UUID eventId, Instant occurredAt, String orderId, List<PricedLine> lines, BigDecimal total,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements StockResult {

    /** The event without a sequence number (0, unknown), as producers before sequence numbers sent it. */
    public StockReserved(UUID eventId, Instant occurredAt, String orderId, List<PricedLine> lines, BigDecimal total) {
        this(eventId, occurredAt, orderId, lines, total, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
