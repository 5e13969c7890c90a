package io.orderpipeline.faults.scenario;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.FaultException;
import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.Pause;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.faults.broker.OutboxEvent;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;

/**
 * Scenario 8, ordering: many orders with few customers and SKUs (contention, four consumer threads per group), then,
 * once every order is final, genuinely reordered events for some of them ({@link StaleEvents}: new eventIds, older or
 * already-applied sequences, on every destination and crossing the outcomes). Passes when no stale event was applied
 * (no contradiction: no rejection SMS for a confirmed order, no second points entry or SMS, every order still at its
 * outcome) and each consuming group counted exactly the stale events it received in {@code events.out_of_order}.
 * With the inbox's sequence check off ({@code -Dpipeline.inbox.sequence-check=false}) it fails.
 */
public final class Ordering implements FaultScenario {

    private static final String OUT_OF_ORDER = "events_out_of_order_total";

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String id() {
        return "ordering";
    }

    @Override
    public String description() {
        return "stale events (new eventIds, older sequences, crossing outcomes) after the orders are final: none applied,"
                + " each counted once in events.out_of_order by the group that got it";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        // few customers and SKUs: contention on the same rows, four consumer threads per group
        List<Attempt> attempts = suite.flow("s8", n, suite.settings().ratePerSecond() * 2, 5,
                List.of("SKU-0001", "SKU-0002", "SKU-0003")).await();
        ScenarioResult first = suite.account(label(), attempts, Instant.now(), dead, 0, List.of(), "");
        if (!first.passed()) {
            return List.of(first);
        }
        StaleEvents stale = staleEvents(suite, attempts, Math.max(2, n / 6));
        Map<Component, Long> recordedBefore = recorded(suite);
        Map<Component, Double> countedBefore = counted(suite);
        stale.events().forEach(e -> suite.broker().publish(e.destination(), e.partitionKey(), e.headers(), e.body()));
        Instant injected = Instant.now();
        Map<Component, Long> recorded = awaitRecorded(suite, recordedBefore, stale.perGroup(), injected);
        Map<Component, Double> counted = counted(suite);

        List<String> violations = new ArrayList<>();
        List<String> perGroup = new ArrayList<>();
        for (Component service : Component.services()) {
            long expected = stale.perGroup().getOrDefault(service, 0);
            long seen = recorded.get(service) - recordedBefore.get(service);
            long outOfOrder = Math.round(counted.get(service) - countedBefore.get(service));
            perGroup.add(service.id() + " " + outOfOrder + "/" + expected);
            if (seen < expected) {
                violations.add(service.id() + " recorded " + seen + " of the " + expected
                        + " stale events it was sent in its inbox");
            }
            if (outOfOrder != expected) {
                violations.add(service.id() + " counted " + outOfOrder + " in events.out_of_order for the " + expected
                        + " stale events it received");
            }
        }
        return List.of(suite.account(label(), attempts, injected, dead, 0, violations,
                stale.events().size() + " stale events injected after the orders were final; events.out_of_order"
                        + " per group (counted/sent): " + String.join(", ", perGroup) + "; consumer threads per group: 4 ("
                        + (suite.settings().binder() == Binder.KAFKA ? "one per partition" : "one per partition queue")
                        + ")"));
    }

    /** Stale events for up to {@code perOutcome} confirmed and as many rejected orders of the flow. */
    private static StaleEvents staleEvents(FaultSuite suite, List<Attempt> attempts, int perOutcome) {
        List<String> orderIds = attempts.stream().filter(Attempt::accepted).map(Attempt::orderId).toList();
        List<OutboxEvent> sent = suite.accounting().sentEvents(orderIds);
        StaleEvents stale = new StaleEvents();
        sent.stream().filter(e -> e.eventType().equals(OrderConfirmed.class.getSimpleName())).limit(perOutcome)
                .forEach(stale::forConfirmed);
        sent.stream().filter(e -> e.eventType().equals(OrderRejected.class.getSimpleName())).limit(perOutcome)
                .forEach(stale::forRejected);
        if (stale.events().isEmpty()) {
            throw new FaultException("no final order to send stale events for");
        }
        return stale;
    }

    /** Waits until each group's inbox holds the stale events it was sent (applied or not, each is recorded). */
    private static Map<Component, Long> awaitRecorded(FaultSuite suite, Map<Component, Long> before,
            Map<Component, Integer> sent, Instant from) {
        Instant deadline = from.plus(suite.settings().drainTimeout());
        while (true) {
            Map<Component, Long> now = recorded(suite);
            boolean all = Component.services().stream()
                    .allMatch(s -> now.get(s) - before.get(s) >= sent.getOrDefault(s, 0));
            if (all || Instant.now().isAfter(deadline)) {
                // the counters are incremented in the same delivery, a moment after the commit
                Pause.of(Duration.ofSeconds(1));
                return now;
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    /** @return rows in each service's processed-messages inbox */
    private static Map<Component, Long> recorded(FaultSuite suite) {
        Map<Component, Long> rows = new EnumMap<>(Component.class);
        for (Component service : Component.services()) {
            try {
                rows.put(service, suite.databases().single(service, "SELECT COUNT(*) FROM processed_message"));
            } catch (SQLException e) {
                throw new FaultException("cannot count " + service + "'s processed messages: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** @return each service's {@code events.out_of_order} (one consumer group per service) */
    private static Map<Component, Double> counted(FaultSuite suite) {
        Map<Component, Double> counts = new EnumMap<>(Component.class);
        Component.services().forEach(service -> counts.put(service, suite.metric(service, OUT_OF_ORDER)));
        return counts;
    }
}
