package io.orderpipeline.cli.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.cli.Binder;
import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.faults.OrderDriver.Attempt;
import io.orderpipeline.cli.faults.OrderDriver.Flow;

/** The fault scenarios of issue 3, in its numbering. Each returns one result (scenario 1 in full mode: one per service). */
public enum Scenario {

    CONSUMER_KILL(1, "consumer-kill", "kill -9 each consumer service mid-stream, then restart it") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            List<Component> consumers = List.of(Component.INVENTORY_SERVICE, Component.POINTS_SERVICE,
                    Component.SMS_SERVICE, Component.COUPON_SERVICE);
            if (suite.settings().quick()) {
                return List.of(killAndRestart(suite, consumers, label() + " all consumers"));
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (Component consumer : consumers) {
                results.add(killAndRestart(suite, List.of(consumer), label() + " " + consumer.id()));
            }
            return results;
        }

        private ScenarioResult killAndRestart(FaultSuite suite, List<Component> victims, String name) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            Flow flow = suite.flow("s1", n);
            flow.awaitDone(n / 3);
            victims.forEach(suite.stack()::kill);
            victims.forEach(suite.stack()::start);
            Instant healed = Instant.now();
            return suite.account(name, flow.await(), healed, dead, 0, List.of(), "");
        }
    },

    ORDER_SERVICE_KILL(2, "order-kill", "kill -9 order-service between commit and publish, then restart it") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            Flow flow = suite.flow("s2", n, suite.settings().ratePerSecond() * 2, 0, List.of("SKU-0011", "SKU-0021"));
            flow.awaitDone(n / 2);
            suite.stack().kill(Component.ORDER_SERVICE);
            long pending = suite.accounting().outboxBacklog();
            List<Attempt> attempts = flow.await();
            suite.stack().start(Component.ORDER_SERVICE);
            Instant healed = Instant.now();
            return List.of(suite.account(label(), attempts, healed, dead, 0, List.of(),
                    "outbox rows pending at the kill: " + pending));
        }
    },

    BROKER_RESTART(3, "broker-restart", "broker stopped and started while orders flow") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            Flow flow = suite.flow("s3", n);
            flow.awaitDone(n / 3);
            Instant stopped = Instant.now();
            try {
                suite.broker().stop();
                Pause.of(java.time.Duration.ofSeconds(1));
            } finally {
                suite.broker().start();
            }
            Instant healed = Instant.now();
            return List.of(suite.account(label(), flow.await(), healed, dead, 0, List.of(),
                    "broker down " + java.time.Duration.between(stopped, healed).toMillis() + " ms"));
        }
    },

    BROKER_DOWN(4, "broker-down", "broker down while orders are placed; every 202 processed after it returns") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            List<Attempt> attempts;
            long backlog;
            Instant stopped = Instant.now();
            suite.broker().stop();
            try {
                // as fast as the service takes them: the outage of the shared broker stays short
                attempts = suite.flow("s4", n, Math.max(100, suite.settings().ratePerSecond()), 0,
                        List.of("SKU-0012", "SKU-0022", "SKU-0032")).await();
                backlog = suite.accounting().outboxBacklog();
            } finally {
                suite.broker().start();
            }
            Instant healed = Instant.now();
            List<String> violations = new ArrayList<>();
            long refused = attempts.stream().filter(a -> !a.accepted()).count();
            if (refused > 0) {
                violations.add(refused + " requests not accepted while only the broker was down");
            }
            return List.of(suite.account(label(), attempts, healed, dead, 0, violations,
                    "broker down " + java.time.Duration.between(stopped, healed).toMillis() + " ms, outbox backlog "
                            + backlog + " before it returned"));
        }
    },

    DATABASE_RESTART(5, "db-restart", "database killed and restarted while orders flow: 503 problem details, nothing lost") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            Flow flow = suite.flow("s5", n);
            flow.awaitDone(n / 3);
            Instant crashed = Instant.now();
            try {
                suite.database().crash();
            } finally {
                suite.database().restart();
            }
            Instant healed = Instant.now();
            List<Attempt> attempts = flow.await();
            List<String> violations = new ArrayList<>();
            for (Attempt attempt : attempts) {
                boolean problem503 = attempt.status() == 503 && attempt.contentType().startsWith("application/problem+json");
                if (!attempt.accepted() && !problem503) {
                    violations.add("request " + attempt.index() + " got " + (attempt.status() == 0 ? "no answer"
                            : attempt.status() + " " + attempt.contentType()) + " instead of 202 or 503 problem+json");
                }
            }
            long unavailable = attempts.stream().filter(a -> a.status() == 503).count();
            return List.of(suite.account(label(), attempts, healed, dead, 0, violations.stream().limit(5).toList(),
                    "database down " + java.time.Duration.between(crashed, healed).toMillis() + " ms, " + unavailable
                            + " requests answered 503"));
        }
    },

    DUPLICATE_DELIVERY(6, "duplicates", "the same messages injected straight into the broker 5 times") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            List<Attempt> attempts = suite.flow("s6", n).await();
            ScenarioResult first = suite.account(label(), attempts, Instant.now(), dead, 0, List.of(), "");
            if (!first.passed()) {
                return List.of(first);
            }
            List<String> orderIds = attempts.stream().filter(Attempt::accepted).map(Attempt::orderId)
                    .limit(Math.max(1, n / 4)).toList();
            List<OutboxEvent> events = suite.accounting().sentEvents(orderIds);
            double before = inboxDuplicates(suite);
            int copies = 5;
            int published = suite.broker().republish(events, copies);
            // every copy is a redelivery for its consumer groups; each OrderPlaced copy also makes inventory
            // re-send its stored answer, one more redelivery for order-service
            long expected = 0;
            for (OutboxEvent event : events) {
                expected += (long) copies * (Destination.named(event.destination()).groups().size()
                        + ("orders.placed".equals(event.destination()) ? 1 : 0));
            }
            Instant injected = Instant.now();
            double seen = before;
            while (seen - before < expected && Instant.now().isBefore(injected.plus(suite.settings().drainTimeout()))) {
                Pause.of(java.time.Duration.ofMillis(250));
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
    },

    POISON(7, "poison", "poison messages dead-lettered with their cause; a points-service outage re-driven with dlq replay") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            BrokerControl broker = suite.broker();
            Accounting accounting = suite.accounting();
            long dead = broker.deadLetterCount();
            int n = suite.settings().orders();
            Flow flow = suite.flow("s7", n);
            flow.awaitDone(n / 3);
            // a bug that a fix heals: points-service loses its ledger table while orders flow, so valid events fail
            // every attempt and are dead-lettered; the poison arrives at the same time
            accounting.execute(Component.POINTS_SERVICE, "RENAME TABLE points_entry TO points_entry_away");
            List<Attempt> duringOutage;
            try {
                injectPoison(broker);
                // orders placed while the table is away: each confirmed one fails in points-service for sure
                duringOutage = suite.flow("s7o", Math.max(3, n / 4)).await();
                Instant until = Instant.now().plus(java.time.Duration.ofSeconds(60));
                while (outageLetters(broker.deadLetters()) < 3 && Instant.now().isBefore(until)) {
                    Pause.of(java.time.Duration.ofMillis(250));
                }
            } finally {
                accounting.execute(Component.POINTS_SERVICE, "RENAME TABLE points_entry_away TO points_entry");
            }
            List<Attempt> attempts = new ArrayList<>(flow.await());
            attempts.addAll(duringOutage);
            // the failing deliveries still in their retries end (dead-lettered or healed) within seconds
            long settled = broker.deadLetterCount();
            do {
                Pause.of(java.time.Duration.ofSeconds(3));
            } while (settled != (settled = broker.deadLetterCount()));
            List<DeadLetter> letters = broker.deadLetters();
            List<String> violations = new ArrayList<>();
            letters.stream().filter(l -> l.cause() == null || l.cause().isBlank())
                    .forEach(l -> violations.add("dead letter without a cause in " + l.where() + ": " + l.body()));
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
            } catch (java.io.IOException e) {
                throw new FaultException("dlq replay points-service failed: " + e.getMessage(), e);
            }
            // the replay re-sends points-service's 2 poison messages too, to orders.confirmed: each of its three
            // groups dead-letters them again (6), while the valid ones are credited by points-service and skipped
            // by the other groups' processed-messages check. RabbitMQ's count is the queues' depth (the replayed
            // messages left points-service's queue), Kafka's the topics' end offsets (records stay)
            long redeadLettered = 2 * Destination.named("orders.confirmed").groups().size();
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

        /** 3 groups read orders.confirmed (each dead-letters both of its poison messages), order-service stock.checked. */
        private static final long POISON_LETTERS = 3 + 3 + 1;

        private void injectPoison(BrokerControl broker) {
            String key = UUID.randomUUID().toString();
            // not JSON: each of the three groups on orders.confirmed dead-letters it
            broker.publish("orders.confirmed", key, headers("OrderConfirmed", key),
                    "this is not JSON {".getBytes(StandardCharsets.UTF_8));
            // an invalid payload: no order, no customer, no total
            broker.publish("orders.confirmed", key, headers("OrderConfirmed", key),
                    ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}")
                            .getBytes(StandardCharsets.UTF_8));
            // an unknown event type on stock.checked, read by order-service
            broker.publish("stock.checked", key, headers("StockTeleported", key),
                    ("{\"type\":\"StockTeleported\",\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + key
                            + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        }

        private boolean isOutage(DeadLetter letter) {
            return letter.cause() != null && letter.cause().contains("points_entry");
        }

        private long outageLetters(List<DeadLetter> letters) {
            return letters.stream().filter(this::isOutage).count();
        }

        private Map<String, String> headers(String type, String key) {
            return Map.of("eventType", type, "eventId", UUID.randomUUID().toString(), "partitionKey", key,
                    "correlationId", key);
        }
    },

    ORDERING(8, "ordering", "many events for the same orders, consumer concurrency above 1: applied in order") {
        @Override
        List<ScenarioResult> run(FaultSuite suite) {
            long dead = suite.broker().deadLetterCount();
            int n = suite.settings().orders();
            double outOfOrderBefore = outOfOrder(suite);
            // few customers and SKUs: contention on the same rows; copies of every event re-sent mid-flow
            Flow flow = suite.flow("s8", n, suite.settings().ratePerSecond() * 2, 5,
                    List.of("SKU-0001", "SKU-0002", "SKU-0003"));
            flow.awaitDone(n / 2);
            List<String> sofar = new ArrayList<>();
            List<Attempt> attempts = flow.await();
            attempts.stream().filter(Attempt::accepted).limit(n / 2).forEach(a -> sofar.add(a.orderId()));
            int published = suite.broker().republish(suite.accounting().sentEvents(sofar), 2);
            ScenarioResult result = suite.account(label(), attempts, Instant.now(), dead, 0, List.of(), "");
            // every consumer that keeps a last applied sequence counts an event older than it in events.out_of_order
            double outOfOrder = outOfOrder(suite) - outOfOrderBefore;
            List<String> violations = new ArrayList<>(result.violations());
            if (outOfOrder != 0) {
                violations.add((long) outOfOrder + " events arrived after a later event of their order (events.out_of_order)");
            }
            return List.of(new ScenarioResult(result.binder(), result.scenario(), result.attempted(), result.accepted(),
                    result.finalOrders(), result.lost(), result.duplicates(), result.contradictions(),
                    result.deadLettered(), result.expectedDead(), result.drain(), violations, result.details(),
                    published + " event copies re-sent while the orders were processed; events.out_of_order +"
                            + (long) outOfOrder + "; every final order's last applied sequence 3; consumer threads"
                            + " per group: 4 (" + (suite.settings().binder() == Binder.KAFKA ? "one per partition"
                            : "one per partition queue") + ")"));
        }

        private double outOfOrder(FaultSuite suite) {
            return suite.metricSum("events_out_of_order_total");
        }
    };

    private final int number;
    private final String id;
    private final String description;

    Scenario(int number, String id, String description) {
        this.number = number;
        this.id = id;
        this.description = description;
    }

    abstract List<ScenarioResult> run(FaultSuite suite);

    /** @return e.g. {@code 3 broker-restart} */
    public String label() {
        return number + " " + id;
    }

    public String description() {
        return description;
    }

    /** Parses {@code 3}, {@code broker-restart} or {@code BROKER_RESTART}. */
    public static Scenario parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> Integer.toString(s.number).equals(wanted) || s.id.equals(wanted)
                        || s.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text + "', expected 1-8 or one of "
                        + Arrays.stream(values()).map(s -> s.id).toList()));
    }
}
