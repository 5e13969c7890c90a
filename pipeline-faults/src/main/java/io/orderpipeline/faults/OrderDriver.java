package io.orderpipeline.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places orders over HTTP ({@code POST /orders} on loopback, JDK {@link HttpClient}) from a few client
 * threads at a bounded rate, a bounded number of times and for a bounded time, and records every answer.
 * Each request carries a fresh {@code Idempotency-Key}, so the accounting can tell from order-service's
 * database whether a request stored an order, whatever the client saw.
 *
 * <p>About one order in ten names an unknown SKU and is REJECTED by inventory; the others ask for 1 to 3
 * units of one or two of the SKUs given.
 */
public final class OrderDriver {

    static final String UNKNOWN_SKU = "SKU-9999";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI orders;
    private final HttpClient http;

    OrderDriver(URI orderServiceBase) {
        this.orders = orderServiceBase.resolve("/orders");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * What one flow of orders looks like.
     *
     * @param tag          prefix of the customer ids, unique per scenario run
     * @param count        how many requests at most
     * @param ratePerSecond requests per second over all threads
     * @param threads      client threads
     * @param customers    distinct customers (0: one new customer per order)
     * @param skus         the SKUs to order from
     * @param maxDuration  the flow stops after this even if fewer requests were sent
     */
    public record Plan(String tag, int count, int ratePerSecond, int threads, int customers, List<String> skus,
                Duration maxDuration) {
    }

    /** One request and what came back: status 0 when no HTTP answer arrived (connection refused, timeout). */
    public record Attempt(int index, String idempotencyKey, String customerId, int status, String contentType,
                   String orderId, Instant at) {
        public boolean accepted() {
            return status == 202;
        }
    }

    /** A flow running in the background; {@link #await()} returns its attempts. */
    public final class Flow {
        private final ExecutorService pool;
        private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Plan plan;
        private volatile Instant finishedAt;

        private Flow(Plan plan) {
            this.plan = plan;
            this.pool = Executors.newFixedThreadPool(plan.threads(), r -> {
                Thread t = new Thread(r, "fault-orders");
                t.setDaemon(true);
                return t;
            });
        }

        private void start() {
            Instant started = Instant.now();
            Instant stopAt = started.plus(plan.maxDuration());
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, plan.ratePerSecond());
            for (int t = 0; t < plan.threads(); t++) {
                long seed = plan.tag().hashCode() * 31L + t;
                pool.execute(() -> {
                    Random random = new Random(seed);
                    int index;
                    while ((index = sent.getAndIncrement()) < plan.count() && Instant.now().isBefore(stopAt)) {
                        long due = started.toEpochMilli() * 1_000_000 + index * intervalNanos;
                        long wait = due - Instant.now().toEpochMilli() * 1_000_000;
                        if (wait > 0) {
                            Pause.of(Duration.ofNanos(wait));
                        }
                        Attempt attempt = place(index, random);
                        attempts.add(attempt);
                        if (attempt.accepted()) {
                            accepted.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
        }

        private Attempt place(int index, Random random) {
            String customer = plan.tag() + "-c" + (plan.customers() == 0 ? index : index % plan.customers());
            String key = UUID.randomUUID().toString();
            String body = body(customer, random);
            HttpRequest request = HttpRequest.newBuilder(orders)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String orderId = null;
                if (response.statusCode() == 202) {
                    JsonNode json = JsonMapper.shared().readTree(response.body());
                    orderId = json.path("orderId").asString();
                }
                return new Attempt(index, key, customer, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), orderId, Instant.now());
            } catch (IOException | RuntimeException e) {
                return new Attempt(index, key, customer, 0, "", null, Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(index, key, customer, 0, "", null, Instant.now());
            }
        }

        private String body(String customer, Random random) {
            StringBuilder items = new StringBuilder();
            int lines = 1 + random.nextInt(2);
            boolean unknown = random.nextInt(10) == 0;
            for (int i = 0; i < lines; i++) {
                String sku = unknown && i == 0 ? UNKNOWN_SKU : plan.skus().get(random.nextInt(plan.skus().size()));
                if (items.indexOf("\"" + sku + "\"") >= 0) {
                    continue;
                }
                if (!items.isEmpty()) {
                    items.append(',');
                }
                items.append("{\"sku\":\"").append(sku).append("\",\"quantity\":").append(1 + random.nextInt(3)).append('}');
            }
            return "{\"customerId\":\"" + customer + "\",\"items\":[" + items + "]}";
        }

        /** @return how many requests got a 202 so far */
        public int accepted() {
            return accepted.get();
        }

        /** @return how many requests were answered or failed so far */
        public int done() {
            return attempts.size();
        }

        /** Waits until {@code n} requests got an answer (or failed), or the flow ended. */
        public void awaitDone(int n) {
            while (done() < n && !pool.isTerminated()) {
                Pause.of(Duration.ofMillis(20));
            }
        }

        /** Waits for the flow to end (it is bounded by count and duration) and returns every attempt in order. */
        public List<Attempt> await() {
            try {
                if (!pool.awaitTermination(plan.maxDuration().plus(REQUEST_TIMEOUT).plusSeconds(5).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
            if (finishedAt == null) {
                finishedAt = Instant.now();
            }
            List<Attempt> all = new ArrayList<>(attempts);
            all.sort((a, b) -> Integer.compare(a.index(), b.index()));
            return all;
        }

        public Instant finishedAt() {
            return finishedAt;
        }
    }

    /** Starts a flow in the background. */
    Flow start(Plan plan) {
        Flow flow = new Flow(plan);
        flow.start();
        return flow;
    }
}
