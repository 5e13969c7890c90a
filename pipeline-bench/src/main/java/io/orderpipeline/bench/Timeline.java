package io.orderpipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.orderpipeline.faults.books.Books;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Component;

/**
 * Samples the pipeline once a second while a scenario runs: orders accepted in that second (from the load
 * generator's running count), messages processed so far per service (from their inboxes), the backlog per consumer
 * binding (from the broker) and the order service's unsent outbox rows. Sampling costs a few small queries per second on the database and broker under
 * test; that is part of the measurement.
 */
final class Timeline implements AutoCloseable {

    /**
     * One second of the run: {@code second} counts from the start of the load; {@code processedSoFar} counts
     * from the start too (what a warm-up processed before is left out); {@code unsentOutbox} is the
     * order service's outbox rows not relayed yet, the backlog in front of the broker.
     */
    record Sample(int second, long accepted, Map<Component, Long> processedSoFar, Map<Subscription, Long> backlog,
            long unsentOutbox) {
    }

    private final Books ledger;
    private final Backlog backlog;
    private final LongSupplier acceptedSoFar;
    private long acceptedBefore;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-timeline");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos;
    private final Map<Component, Long> processedBefore;

    /** Starts sampling now; second 0 is now. */
    Timeline(Books ledger, Backlog backlog, LongSupplier acceptedSoFar) {
        this.ledger = ledger;
        this.backlog = backlog;
        this.acceptedSoFar = acceptedSoFar;
        this.processedBefore = ledger.processed();
        this.startNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L) - 1;
        try {
            long accepted = acceptedSoFar.getAsLong();
            Map<Component, Long> processed = new java.util.LinkedHashMap<>();
            ledger.processed().forEach((service, count) ->
                    processed.put(service, count - processedBefore.getOrDefault(service, 0L)));
            Sample sample = new Sample(second, accepted - acceptedBefore, processed, backlog.sample(),
                    ledger.unsentOutbox());
            acceptedBefore = accepted;
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (RuntimeException e) {
            // a missed sample (database busy) leaves a gap in the chart, not a failed run
            System.err.println("bench: sample " + second + " skipped: " + e.getMessage());
        }
    }

    /** @return the samples so far, in time order */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** @return the latest sample, or null before the first */
    Sample last() {
        synchronized (samples) {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    /** @return seconds since this timeline started */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
