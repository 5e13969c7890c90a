package io.orderpipeline.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/**
 * The stored decision for one order: the same every time it is asked for, including its event id.
 *
 * @param eventId   the id of the answer event; re-sent unchanged on redelivery, so consumers dedup on it
 * @param decidedAt when the decision was taken, in whole seconds (as every supported database stores it)
 * @param orderId   the order
 * @param outcome   reserved (priced lines, total) or rejected (cause, sku)
 */
public record Reservation(UUID eventId, Instant decidedAt, String orderId, Outcome outcome) {
}
