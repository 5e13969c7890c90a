package io.orderpipeline.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.books.Books;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.faults.Metrics;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's scenarios, each against a running stack: {@link #burst} (peak shaving), {@link #steady}
 * (highest sustained rate, then end-to-end latency at half of it) and one point of {@link #scale}.
 * Orders are one line of one unit, SKUs round-robin over the demo catalog (SKU-0001..0100, 1000 units each),
 * customers round-robin over 2,000 ids.
 */
final class Scenarios {

    /** What a burst produced. */
    record Burst(long orders, double offeredRate, long warmupAccepted, OpenLoad.Result load,
            List<Timeline.Sample> samples, Map<Component, Double> processingRate, double drainSeconds, boolean drained,
            Books.Totals accounting, CpuUsage.Window cpu, Map<String, Long> serverStatements,
            Map<Component, Batches> batches) {
        /** @return accepted orders of the warm-up and the burst: the books cover both */
        long accepted() {
            return warmupAccepted + load.accepted();
        }

        long lost() {
            return accounting.lost(accepted());
        }

        /** @return requests without an answer: stored or not, the client cannot know */
        long unanswered() {
            java.util.concurrent.atomic.AtomicLong errors = load.statuses().get(-1);
            return errors == null ? 0 : errors.get();
        }

        long duplicates() {
            return accounting.duplicates(accepted(), unanswered());
        }
    }

    /** What a service's batch consumers took in the burst's window: batches and the records in them. */
    record Batches(long batches, long records) {
        double meanSize() {
            return batches == 0 ? 0 : (double) records / batches;
        }
    }

    /** One step of the steady search: the offered rate, what was accepted, the backlog left at its end. */
    record Step(double rate, double acceptRate, long backlogAtEnd, long pendingAtEnd, boolean bounded) {
    }

    /** What the steady scenario produced: the steps, the highest bounded rate, end-to-end latency at half of it. */
    record Steady(List<Step> steps, double sustainedRate, OpenLoad.Result halfLoad, Histogram endToEndMicros,
            Books.Totals accounting) {
    }

    private static final int CUSTOMERS = 2000;

    /**
     * A step is bounded when what is left at its end (messages waiting, orders not final) is at most this many
     * seconds' worth of the offered rate: orders in flight at an end-to-end latency of a few seconds are not a
     * growing backlog, a backlog that grows for the whole step is.
     */
    private static final int BOUND_SECONDS = 5;
    private static final int SKUS = 100;
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final Stack stack;
    private final BenchEnvironment environment;
    private final Backlog backlog;
    private final Duration drainTimeout;
    private final int maxInFlight;
    private long nextOrder;

    Scenarios(Stack stack, BenchEnvironment environment, Backlog backlog, Duration drainTimeout, int maxInFlight) {
        this.stack = stack;
        this.environment = environment;
        this.backlog = backlog;
        this.drainTimeout = drainTimeout;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Posts {@code orders} at {@code offeredRate} (open model), samples every second, waits until every
     * accepted order reached its final state in every service and every backlog is empty (at most the drain
     * timeout), then settles the books.
     */
    Burst burst(long orders, double offeredRate, long warmupOrders) throws Exception {
        try (Books ledger = new Books(environment.databases())) {
            long warmedUp = warmUp(ledger, warmupOrders);
            OpenLoad load = new OpenLoad(stack.baseUri(Component.ORDER_SERVICE).resolve("/orders"), maxInFlight);
            OpenLoad.Result result;
            double drainSeconds;
            boolean drained;
            List<Timeline.Sample> samples;
            Map<String, Long> countersBefore = environment.serverCounters();
            Map<Component, Batches> batchesBefore = batchCounters();
            CpuUsage.Snapshot cpuBefore = CpuUsage.take(stack);
            CpuUsage.Snapshot cpuAfter;
            Map<String, Long> countersAfter;
            Map<Component, Batches> batchesAfter;
            try (Timeline timeline = new Timeline(ledger, backlog, load::acceptedSoFar)) {
                result = load.run(orders, offeredRate, this::body);
                double loadEnd = timeline.elapsedSeconds();
                drained = awaitDrained(ledger, warmedUp + result.accepted());
                cpuAfter = CpuUsage.take(stack);
                countersAfter = environment.serverCounters();
                batchesAfter = batchCounters();
                drainSeconds = timeline.elapsedSeconds() - loadEnd;
                samples = timeline.samples();
            }
            Books.Totals accounting = ledger.totals();
            return new Burst(orders, offeredRate, warmedUp, result, samples, processingRates(samples), drainSeconds,
                    drained, accounting, CpuUsage.between(cpuBefore, cpuAfter), difference(countersBefore, countersAfter),
                    batchesBetween(batchesBefore, batchesAfter));
        }
    }

    /** Each service's {@code consumer.batch.size} summary (KafkaBatchConsumers): batches and records so far. */
    private Map<Component, Batches> batchCounters() {
        Map<Component, Batches> counters = new LinkedHashMap<>();
        for (Component service : Component.services()) {
            URI base = stack.baseUri(service);
            counters.put(service, new Batches((long) Metrics.sum(base, "consumer_batch_size_records_count"),
                    (long) Metrics.sum(base, "consumer_batch_size_records_sum")));
        }
        return counters;
    }

    /** @return the services that consumed batches in the window, with what they took */
    private static Map<Component, Batches> batchesBetween(Map<Component, Batches> before, Map<Component, Batches> after) {
        Map<Component, Batches> used = new LinkedHashMap<>();
        after.forEach((service, total) -> {
            Batches start = before.getOrDefault(service, new Batches(0, 0));
            if (total.batches() > start.batches()) {
                used.put(service, new Batches(total.batches() - start.batches(), total.records() - start.records()));
            }
        });
        return used;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((name, value) -> used.put(name, value - before.getOrDefault(name, value)));
        return used;
    }

    /**
     * Raises the offered rate step by step (each step {@code stepSeconds} long, ×1.5 each time from
     * {@code startRate}, at most {@code maxSteps}) while the step stays bounded: accepted ≥ 95 % of offered,
     * and at its end the backlog and the pending orders are at most {@link #BOUND_SECONDS} seconds' worth of
     * orders. Then, after the pipeline drained, runs {@code stepSeconds} at half the highest bounded rate and reads the end-to-end
     * latency (order created → points credited) of those orders from the databases. The warm-up orders go
     * first, as before a burst.
     */
    Steady steady(double startRate, int stepSeconds, int maxSteps, long warmupOrders) throws Exception {
        List<Step> steps = new ArrayList<>();
        double sustained = 0;
        try (Books ledger = new Books(environment.databases())) {
            warmUp(ledger, warmupOrders);
            double rate = startRate;
            for (int i = 0; i < maxSteps; i++) {
                OpenLoad load = new OpenLoad(stack.baseUri(Component.ORDER_SERVICE).resolve("/orders"), maxInFlight);
                OpenLoad.Result result = load.run((long) (rate * stepSeconds), rate, this::body);
                long waiting = Backlog.total(backlog.sample());
                long pending = ledger.pending();
                boolean bounded = result.acceptRate() >= 0.95 * rate && waiting <= BOUND_SECONDS * rate
                        && pending <= BOUND_SECONDS * rate;
                steps.add(new Step(rate, result.acceptRate(), waiting, pending, bounded));
                System.out.printf("bench: steady step %.0f/s: accepted %.0f/s, backlog %d, pending %d -> %s%n",
                        rate, result.acceptRate(), waiting, pending, bounded ? "bounded" : "NOT bounded");
                awaitDrained(ledger, ledger.totals().orders());
                if (!bounded) {
                    break;
                }
                sustained = rate;
                rate *= 1.5;
            }
            if (sustained == 0) {
                return new Steady(steps, 0, null, new Histogram(3), ledger.totals());
            }
            String from = SQL_TIME.format(Instant.now());
            double half = sustained / 2;
            OpenLoad load = new OpenLoad(stack.baseUri(Component.ORDER_SERVICE).resolve("/orders"), maxInFlight);
            OpenLoad.Result halfLoad = load.run((long) (half * stepSeconds), half, this::body);
            awaitDrained(ledger, ledger.totals().orders());
            Histogram endToEnd = EndToEnd.micros(ledger.connection(Component.ORDER_SERVICE), environment.database(Component.ORDER_SERVICE.id()),
                    environment.database(Component.POINTS_SERVICE.id()), from);
            return new Steady(steps, sustained, halfLoad, endToEnd, ledger.totals());
        }
    }

    /**
     * Sends {@code orders} at 50/s (JIT, connection pools and caches warm up; a cold JVM answers the first
     * requests in seconds, not milliseconds) and waits until they drained; not part of the measurement.
     *
     * @return how many were accepted
     */
    private long warmUp(Books ledger, long orders) throws Exception {
        if (orders <= 0) {
            return 0;
        }
        OpenLoad load = new OpenLoad(stack.baseUri(Component.ORDER_SERVICE).resolve("/orders"), maxInFlight);
        long accepted = load.run(orders, 50, this::body).accepted();
        if (!awaitDrained(ledger, accepted)) {
            throw new IllegalStateException("the warm-up orders did not drain within " + drainTimeout.toSeconds() + " s");
        }
        return accepted;
    }

    private boolean awaitDrained(Books ledger, long accepted) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ledger.pending() == 0 && ledger.unsentOutbox() == 0 && ledger.totals().lost(accepted) == 0
                    && Backlog.total(backlog.sample()) == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Messages per second of each service while it was busy: from its first processed message to its last. */
    static Map<Component, Double> processingRates(List<Timeline.Sample> samples) {
        Map<Component, Double> rates = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return rates;
        }
        for (Component service : Component.services()) {
            long total = samples.get(samples.size() - 1).processedSoFar().getOrDefault(service, 0L);
            int first = -1;
            int done = -1;
            for (Timeline.Sample sample : samples) {
                long soFar = sample.processedSoFar().getOrDefault(service, 0L);
                if (first < 0 && soFar > 0) {
                    first = sample.second();
                }
                if (done < 0 && soFar >= total) {
                    done = sample.second();
                }
            }
            rates.put(service, first < 0 ? 0.0 : total / (double) (done - first + 1));
        }
        return rates;
    }

    private String body(long index) {
        long n = nextOrder++;
        return "{\"customerId\":\"bench-c-" + (n % CUSTOMERS) + "\",\"items\":[{\"sku\":\"SKU-"
                + String.format("%04d", n % SKUS + 1) + "\",\"quantity\":1}]}";
    }
}
