package io.orderpipeline.points.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The entries written in a time window, for reconciliation.
 *
 * @param since     the window's start, inclusive
 * @param until     the window's end, exclusive
 * @param entries   the entries, oldest first (then by order id and entry number); at most
 *                  {@link PointsLedger#MAX_WINDOW_ENTRIES}
 * @param truncated whether the window holds more entries than were returned: ask again from the last entry's
 *                  {@code at} (inclusive, so entries at that instant come again)
 */
public record LedgerWindow(Instant since, Instant until, List<LedgerEntry> entries, boolean truncated) {
}
