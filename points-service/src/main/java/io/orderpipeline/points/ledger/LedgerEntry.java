package io.orderpipeline.points.ledger;

import java.time.Instant;

/**
 * One entry of the points ledger, as the ledger hands it out.
 *
 * @param orderId    the order
 * @param customerId the customer
 * @param kind       credit or reversal
 * @param points     the points: at least 0 for a credit, at most 0 for a reversal
 * @param at         when the entry was written (UTC)
 */
public record LedgerEntry(String orderId, String customerId, EntryKind kind, long points, Instant at) {
}
