package io.orderpipeline.faults;

import java.time.Duration;
import java.util.List;

/**
 * The accounting of one scenario run.
 *
 * @param binder         {@code rabbit} or {@code kafka}
 * @param scenario       what ran, e.g. {@code 3 broker-restart}
 * @param attempted      requests sent
 * @param accepted       requests answered 202
 * @param finalOrders    tracked orders CONFIRMED or REJECTED at the end
 * @param lost           accepted orders not final or with an effect missing (plus stock units not reserved)
 * @param duplicates     effects beyond one per order (plus stock units reserved twice)
 * @param contradictions orders whose state and effects disagree (events applied out of order)
 * @param deadLettered   messages that arrived in dead-letter destinations during the scenario
 * @param expectedDead   how many of those the scenario caused on purpose (scenario 7: the poison, the events of
 *                       its points-service outage and the poison a replay sends back)
 * @param drain          from the end of the fault and of the requests until everything was final; null when it
 *                       never drained within the bound
 * @param violations     broken expectations other than the counts (a 500 during a database outage, a dead
 *                       letter without a cause, ...)
 * @param details        the first problems the accounting found, for the report
 * @param note           what the scenario observed on the way (outbox rows pending at the kill, ...)
 */
public record ScenarioResult(String binder, String scenario, int attempted, int accepted, int finalOrders, int lost,
                      int duplicates, int contradictions, long deadLettered, long expectedDead, Duration drain,
                      List<String> violations, List<String> details, String note) {

    public boolean passed() {
        return lost == 0 && duplicates == 0 && contradictions == 0 && deadLettered == expectedDead
                && drain != null && violations.isEmpty();
    }
}
