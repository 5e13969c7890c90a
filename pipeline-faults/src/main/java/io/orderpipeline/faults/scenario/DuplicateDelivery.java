package io.orderpipeline.faults.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.Pause;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.faults.broker.OutboxEvent;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.Topology;

/** Scenario 6, duplicates: the same messages injected straight into the broker 5 times. */
public final class DuplicateDelivery implements FaultScenario {

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String id() {
        return "duplicates";
    }

    @Override
    public String description() {
        return "the same messages injected straight into the broker 5 times";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        List<Attempt> attempts = suite.flow("s6", n).await();
        ScenarioResult first = suite.account(label(), attempts, Instant.now(), dead, 0, List.of(), "");
        if (!first.passed()) {
            return List.of(first);
        }
        List<String> orderIds = attempts.stream().filter(Attempt::accepted).map(Attempt::orderId)
                .limit(Math.max(1, n / 4)).toList();
        // not the payment timers: a copy of one waits in the broker until the order's payment is due, long after
        // this scenario (and is harmless then: the database decides, docs/saga.md)
        List<OutboxEvent> events = suite.accounting().sentEvents(orderIds).stream()
                .filter(event -> !Topology.destination(event.destination()).heldUntilDue())
                .toList();
        double before = inboxDuplicates(suite);
        int copies = 5;
        int published = suite.broker().republish(events, copies);
        // every copy is a redelivery for its consumer groups; each OrderPlaced copy also makes inventory
        // re-send its stored answer, one more redelivery for order-service
        long expected = 0;
        for (OutboxEvent event : events) {
            expected += (long) copies * (Topology.destination(event.destination()).groups().size()
                    + (Destinations.ORDERS_PLACED.equals(event.destination()) ? 1 : 0));
        }
        Instant injected = Instant.now();
        double seen = before;
        while (seen - before < expected && Instant.now().isBefore(injected.plus(suite.settings().drainTimeout()))) {
            Pause.of(Duration.ofMillis(250));
            seen = inboxDuplicates(suite);
        }
        List<String> violations = new ArrayList<>();
        if (seen - before < expected) {
            violations.add("only " + (long) (seen - before) + " of " + expected
                    + " redeliveries were recognised by the consumers' processed-messages check");
        }
        return List.of(suite.account(label(), attempts, injected, dead, 0, violations,
                published + " copies of " + events.size() + " events injected; " + (long) (seen - before)
                        + " redeliveries skipped by the inbox"));
    }

    private double inboxDuplicates(FaultSuite suite) {
        return suite.metricSum("inbox_duplicates_total");
    }
}
