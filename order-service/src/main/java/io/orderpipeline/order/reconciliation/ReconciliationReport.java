package io.orderpipeline.order.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * The result of one reconciliation.
 *
 * @param since         the window's start (inclusive)
 * @param until         the window's end for orders (exclusive): the request time minus the settle time
 * @param orders        the orders of the window compared
 * @param discrepancies what disagrees, after the repair when one was asked for
 * @param repaired      the events the repair re-published or issued as corrections (0 without one)
 * @param found         what disagreed before the repair (the same as {@code discrepancies} without one)
 */
public record ReconciliationReport(Instant since, Instant until, int orders, List<Discrepancy> discrepancies,
        int repaired, List<Discrepancy> found) {

    /** @return whether the books agree */
    public boolean agrees() {
        return discrepancies.isEmpty();
    }
}
