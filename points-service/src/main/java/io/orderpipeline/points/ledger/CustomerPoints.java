package io.orderpipeline.points.ledger;

import java.util.List;

/**
 * A customer's points.
 *
 * @param customerId the customer
 * @param balance    the sum of all entries' points (credits minus reversals)
 * @param entries    the entries, oldest first
 */
public record CustomerPoints(String customerId, long balance, List<LedgerEntry> entries) {
}
