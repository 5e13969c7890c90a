package io.orderpipeline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model HTTP load generator on the JDK {@link HttpClient}: request {@code i} is scheduled at
 * {@code start + i / rate}, whether or not earlier requests have answered, and its latency is measured
 * from that scheduled time, not from when it was actually sent. A server that stalls therefore shows
 * its stall in every request that should have been sent meanwhile (no coordinated omission, see Gil
 * Tene, "How NOT to measure latency", and HdrHistogram's documentation).
 *
 * <p>At most {@code maxInFlight} requests are outstanding; when that many wait, the scheduler waits too,
 * and the waiting counts in the latency of the requests that were due.
 */
final class OpenLoad {

    /** What one run produced: counts, latencies in µs from the scheduled time, 2xx completions per second. */
    record Result(long sent, long accepted, long failed, Histogram latencyMicros, long[] acceptedPerSecond,
            double durationSeconds, ConcurrentHashMap<Integer, AtomicLong> statuses) {

        /** @return accepted requests per second over the whole run, first scheduled to last answer */
        double acceptRate() {
            return durationSeconds <= 0 ? 0 : accepted / durationSeconds;
        }
    }

    /** The body of order {@code index}. */
    interface Bodies {
        String body(long index);
    }

    private static final int MAX_SECONDS = 3600;

    private final HttpClient http;
    private final URI target;
    private final int maxInFlight;
    private final AtomicLongArray acceptedPerSecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLong accepted = new AtomicLong();

    /**
     * @param target      the URI every request is POSTed to, with a JSON body
     * @param maxInFlight how many requests may be outstanding at once, at least 1
     */
    OpenLoad(URI target, int maxInFlight) {
        this.target = target;
        this.maxInFlight = maxInFlight;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** @return HTTP 202 answers so far; an {@code OpenLoad} is for one run */
    long acceptedSoFar() {
        return accepted.get();
    }

    /**
     * Sends {@code count} requests at {@code ratePerSecond}, then waits for every answer (at most 60 s more).
     *
     * @param ratePerSecond the offered rate in requests/s; the schedule is kept even when answers lag
     * @return what was sent, accepted (HTTP 202) and how long it took
     */
    Result run(long count, double ratePerSecond, Bodies bodies) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswerNanos = new AtomicLong();
        ConcurrentHashMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.body(i)))
                    .build();
            CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            answer.whenComplete((response, error) -> {
                long now = System.nanoTime();
                recorder.recordValue(Math.max(0, (now - scheduled) / 1000));
                lastAnswerNanos.accumulateAndGet(now, Math::max);
                int status = error == null ? response.statusCode() : -1;
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 202) {
                    accepted.incrementAndGet();
                    int second = (int) ((now - start) / 1_000_000_000L);
                    if (second < MAX_SECONDS) {
                        acceptedPerSecond.incrementAndGet(second);
                    }
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(maxInFlight, 60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException((maxInFlight - inFlight.availablePermits())
                    + " requests still unanswered 60 s after the last was sent");
        }
        inFlight.release(maxInFlight);
        long[] perSecond = new long[(int) Math.min(MAX_SECONDS, (lastAnswerNanos.get() - start) / 1_000_000_000L + 1)];
        for (int s = 0; s < perSecond.length; s++) {
            perSecond[s] = acceptedPerSecond.get(s);
        }
        return new Result(count, accepted.get(), failed.get(), recorder.getIntervalHistogram(), perSecond,
                (lastAnswerNanos.get() - start) / 1e9, statuses);
    }
}
