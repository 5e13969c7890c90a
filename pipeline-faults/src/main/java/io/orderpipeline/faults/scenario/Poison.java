package io.orderpipeline.faults.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.faults.FaultException;
import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.Pause;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.faults.broker.BrokerAdmin;
import io.orderpipeline.faults.broker.DeadLetter;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;

/** Scenario 7, poison: poison messages dead-lettered with their cause; a points-service outage re-driven with dlq replay. */
public final class Poison implements FaultScenario {

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String id() {
        return "poison";
    }

    @Override
    public String description() {
        return "poison messages dead-lettered with their cause; a points-service outage re-driven with dlq replay";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        BrokerAdmin broker = suite.broker();
        long dead = broker.deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s7", n);
        flow.awaitDone(n / 3);
        // a bug that a fix heals: points-service loses its ledger table while orders flow, so valid events fail
        // every attempt and are dead-lettered; the poison arrives at the same time
        suite.execute(Component.POINTS_SERVICE, "RENAME TABLE points_entry TO points_entry_away");
        List<Attempt> duringOutage;
        try {
            injectPoison(broker);
            // orders placed while the table is away: each confirmed one fails in points-service for sure
            duringOutage = suite.flow("s7o", Math.max(3, n / 4)).await();
            Instant until = Instant.now().plus(Duration.ofSeconds(60));
            while (outageLetters(broker.deadLetters()) < 3 && Instant.now().isBefore(until)) {
                Pause.of(Duration.ofMillis(250));
            }
        } finally {
            suite.execute(Component.POINTS_SERVICE, "RENAME TABLE points_entry_away TO points_entry");
        }
        List<Attempt> attempts = new ArrayList<>(flow.await());
        attempts.addAll(duringOutage);
        // the failing deliveries still in their retries end (dead-lettered or healed) within seconds
        long settled = broker.deadLetterCount();
        do {
            Pause.of(Duration.ofSeconds(3));
        } while (settled != (settled = broker.deadLetterCount()));
        List<DeadLetter> letters = broker.deadLetters();
        List<String> violations = new ArrayList<>();
        letters.stream().filter(l -> !l.hasCause())
                .forEach(l -> violations.add("dead letter without a cause in " + l.deadLetterDestination() + ": " + l.text()));
        letters.stream().filter(l -> !isOutage(l) && !l.cause().contains("(attempts 1)"))
                .forEach(l -> violations.add("poison retried instead of dead-lettered at once: " + l.cause()));
        long outage = outageLetters(letters);
        if (outage == 0) {
            violations.add("no valid event was dead-lettered during the points-service outage");
        }
        // the fix is in (the table is back): re-drive points-service's dead letters as a user would
        int replayed;
        try {
            replayed = suite.deadLetterConsole().replay(Component.POINTS_SERVICE, false);
        } catch (IOException e) {
            throw new FaultException("dlq replay points-service failed: " + e.getMessage(), e);
        }
        // the replay re-sends points-service's 2 poison messages too, to orders.confirmed: each of its three
        // groups dead-letters them again (6), while the valid ones are credited by points-service and skipped
        // by the other groups' processed-messages check. RabbitMQ's count is the queues' depth (the replayed
        // messages left points-service's queue), Kafka's the topics' end offsets (records stay)
        long redeadLettered = 2 * Topology.ORDERS_CONFIRMED.groups().size();
        long expected = suite.settings().binder() == Binder.KAFKA
                ? POISON_LETTERS + outage + redeadLettered
                : POISON_LETTERS - 2 + redeadLettered;
        ScenarioResult result = suite.account(label(), attempts, Instant.now(), dead, expected, violations,
                "");
        return List.of(new ScenarioResult(result.binder(), result.scenario(), result.attempted(), result.accepted(),
                result.finalOrders(), result.lost(), result.duplicates(), result.contradictions(),
                result.deadLettered(), result.expectedDead(), result.drain(), result.violations(), result.details(),
                POISON_LETTERS + " poison dead letters (attempts 1), " + outage
                        + " valid events dead-lettered during the outage (" + letters.stream().filter(this::isOutage)
                        .map(DeadLetter::cause).findFirst().orElse("-") + "); dlq replay points-service re-sent "
                        + replayed + ", each valid one credited once"));
    }

    /** Each group on orders.confirmed dead-letters both of its poison messages, each group on stock.checked one. */
    private static final long POISON_LETTERS = 2L * Topology.ORDERS_CONFIRMED.groups().size()
            + Topology.STOCK_CHECKED.groups().size();

    private void injectPoison(BrokerAdmin broker) {
        String key = UUID.randomUUID().toString();
        // not JSON: each of the three groups on orders.confirmed dead-letters it
        broker.publish(Destinations.ORDERS_CONFIRMED, key, headers("OrderConfirmed", key),
                "this is not JSON {".getBytes(StandardCharsets.UTF_8));
        // an invalid payload: no order, no customer, no total
        broker.publish(Destinations.ORDERS_CONFIRMED, key, headers("OrderConfirmed", key),
                ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
        // an unknown event type on stock.checked, read by order-service
        broker.publish(Destinations.STOCK_CHECKED, key, headers("StockTeleported", key),
                ("{\"type\":\"StockTeleported\",\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + key
                        + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    }

    private boolean isOutage(DeadLetter letter) {
        return letter.cause().contains("points_entry");
    }

    private long outageLetters(List<DeadLetter> letters) {
        return letters.stream().filter(this::isOutage).count();
    }

    private Map<String, String> headers(String type, String key) {
        return Map.of(EventHeaders.EVENT_TYPE, type, EventHeaders.EVENT_ID, UUID.randomUUID().toString(),
                EventHeaders.PARTITION_KEY, key, EventHeaders.CORRELATION_ID, key);
    }
}
