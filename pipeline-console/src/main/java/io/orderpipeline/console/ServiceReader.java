package io.orderpipeline.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import io.orderpipeline.console.PrometheusText.Sample;
import io.orderpipeline.console.Snapshot.LatestOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the services over HTTP, all requests of one round at once: each service's {@code /actuator/prometheus}
 * (open to anonymous callers), order-service's {@code GET /orders?limit=N}, and for each of those orders inventory's
 * {@code GET /reservations/{id}}, sms's {@code GET /notifications?orderId=}, points' {@code GET
 * /customers/{c}/points} and coupon's {@code GET /customers/{c}/coupons}. A service that does not answer within
 * {@link ConsoleProperties#timeout()} counts as unreachable for this round.
 */
class ServiceReader {

    static final String PENDING = "…";
    static final String UNKNOWN = "?";

    private final ConsoleProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    ServiceReader(ConsoleProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .executor(Executors.newFixedThreadPool(4, runnable -> {
                    Thread thread = new Thread(runnable, "console-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    /**
     * Starts the scrape of every service; collect it with {@link #scrapes(Map)}, so it runs while the orders are read.
     *
     * @return per service in pipeline order, its pending {@code /actuator/prometheus} body
     */
    Map<String, CompletableFuture<Optional<String>>> startScrapes() {
        Map<String, CompletableFuture<Optional<String>>> pending = new LinkedHashMap<>();
        properties.services().forEach((name, base) -> pending.put(name, get(base.resolve("/actuator/prometheus"))));
        return pending;
    }

    /** @return per service in pipeline order, its samples, or null when it did not answer with 200 */
    static Map<String, List<Sample>> scrapes(Map<String, CompletableFuture<Optional<String>>> pending) {
        Map<String, List<Sample>> scrapes = new LinkedHashMap<>();
        pending.forEach((name, body) -> scrapes.put(name, body.join().map(PrometheusText::parse).orElse(null)));
        return scrapes;
    }

    /** @return the newest orders with their state in each service; empty when order-service does not answer */
    List<LatestOrder> latestOrders() {
        Optional<String> body = get(properties.orderUrl().resolve("/orders?limit=" + properties.latestOrders())).join();
        if (body.isEmpty()) {
            return List.of();
        }
        JsonNode orders;
        try {
            orders = json.readTree(body.get());
        } catch (RuntimeException unreadable) {
            return List.of();
        }
        record Lookups(JsonNode order, CompletableFuture<Optional<String>> reservation,
                CompletableFuture<Optional<String>> points, CompletableFuture<Optional<String>> sms,
                CompletableFuture<Optional<String>> coupons) {
        }
        List<Lookups> lookups = new ArrayList<>();
        for (JsonNode order : orders) {
            String id = order.path("orderId").asString();
            String customer = encode(order.path("customerId").asString());
            lookups.add(new Lookups(order,
                    getAllowing404(properties.inventoryUrl().resolve("/reservations/" + encode(id))),
                    get(properties.pointsUrl().resolve("/customers/" + customer + "/points")),
                    get(properties.smsUrl().resolve("/notifications?orderId=" + encode(id))),
                    get(properties.couponUrl().resolve("/customers/" + customer + "/coupons"))));
        }
        List<LatestOrder> latest = new ArrayList<>();
        for (Lookups l : lookups) {
            JsonNode order = l.order();
            String id = order.path("orderId").asString();
            String status = order.path("status").asString();
            String orderState = order.path("rejectionReason").isString()
                    ? status + " " + order.path("rejectionReason").asString() : status;
            latest.add(new LatestOrder(id, order.path("customerId").asString(),
                    order.path("createdAt").isString() ? Instant.parse(order.path("createdAt").asString()) : null,
                    orderState,
                    l.reservation().join().map(b -> safely(() -> inventoryState(b))).orElse(UNKNOWN),
                    l.points().join().map(b -> safely(() -> pointsState(b, id))).orElse(UNKNOWN),
                    l.sms().join().map(b -> safely(() -> smsState(b))).orElse(UNKNOWN),
                    l.coupons().join().map(b -> safely(() -> couponState(b, id, status))).orElse(UNKNOWN)));
        }
        return latest;
    }

    private String inventoryState(String body) {
        if (body.isEmpty()) {
            return PENDING;
        }
        JsonNode reservation = json.readTree(body);
        return "RESERVED".equals(reservation.path("outcome").asString())
                ? "RESERVED " + reservation.path("total").asString()
                : "REJECTED " + reservation.path("cause").asString();
    }

    /** The order's ledger entries, signed: {@code +12}, or {@code +12, -12 (net 0)} once reversed or corrected. */
    static String pointsState(JsonNode entries, String orderId) {
        List<String> signed = new ArrayList<>();
        long net = 0;
        for (JsonNode entry : entries) {
            if (orderId.equals(entry.path("orderId").asString())) {
                long points = entry.path("points").asLong();
                signed.add(points < 0 ? Long.toString(points) : "+" + points);
                net += points;
            }
        }
        if (signed.isEmpty()) {
            return PENDING;
        }
        return signed.size() == 1 ? signed.get(0) : String.join(", ", signed) + " (net " + net + ")";
    }

    private String pointsState(String body, String orderId) {
        return pointsState(json.readTree(body).path("entries"), orderId);
    }

    private String smsState(String body) {
        List<String> types = new ArrayList<>();
        json.readTree(body).forEach(n -> types.add(n.path("type").asString()));
        return types.isEmpty() ? PENDING : String.join(", ", types);
    }

    private String couponState(String body, String orderId, String orderStatus) {
        JsonNode coupons = json.readTree(body);
        for (JsonNode coupon : coupons) {
            if (orderId.equals(coupon.path("orderId").asString())) {
                return coupon.path("code").asString();
            }
        }
        // a customer gets one welcome coupon, for the first confirmed order; a rejected order gets none
        return coupons.isEmpty() && !"REJECTED".equals(orderStatus) ? PENDING : "none";
    }

    private CompletableFuture<Optional<String>> get(URI uri) {
        return send(uri, false);
    }

    /** @return the body on 200, an empty string on 404, empty on anything else */
    private CompletableFuture<Optional<String>> getAllowing404(URI uri) {
        return send(uri, true);
    }

    private CompletableFuture<Optional<String>> send(URI uri, boolean notFoundIsEmpty) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() == 200) {
                        return Optional.of(response.body());
                    }
                    return notFoundIsEmpty && response.statusCode() == 404 ? Optional.of("") : Optional.<String>empty();
                })
                .exceptionally(failure -> Optional.empty());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return the state read from a body, or {@value #UNKNOWN} when the body is not what the service documents */
    private static String safely(java.util.function.Supplier<String> state) {
        try {
            return state.get();
        } catch (RuntimeException unreadable) {
            return UNKNOWN;
        }
    }
}
