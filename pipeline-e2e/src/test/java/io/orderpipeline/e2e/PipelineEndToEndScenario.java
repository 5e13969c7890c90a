package io.orderpipeline.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Infrastructure;
import io.orderpipeline.stack.FreePorts;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.e2e.PipelineClient.Line;
import io.orderpipeline.messaging.testing.OpenApiConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.StaleElementReferenceException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline, end to end, on one binder: the five service jars as their own processes, a real
 * broker (RabbitMQ, or a KRaft Kafka broker process), a real MySQL-compatible database, and orders placed
 * over HTTP. Subclasses pick the binder; the scenarios are the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineEndToEndScenario {

    private static final Duration SETTLE = Duration.ofSeconds(180);

    private EndToEndStack e2e;
    private Infrastructure infrastructure;
    private Stack stack;
    private PipelineClient client;

    abstract Binder binder();

    @BeforeAll
    void startStack() {
        // services at ports + 0..4, the broker at + 5 and + 6, the tools at + 7 (Zipkin), + 8 (Prometheus), + 9 (console)
        int ports = FreePorts.block(10);
        e2e = EndToEndStack.start("e2e_" + binder().name().toLowerCase(), binder(), ports, config -> config
                .tool(Component.ZIPKIN, ports + 7)
                .tool(Component.PROMETHEUS, ports + 8)
                .tool(Component.CONSOLE, ports + 9));
        infrastructure = e2e.infrastructure();
        stack = e2e.stack();
        client = e2e.client();
    }

    @AfterAll
    void stopStack() throws Exception {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void everyServiceServesAConformingOpenApiDocumentAndSwaggerUi() {
        for (Component service : Component.services()) {
            int port = stack.config().port(service);

            String document = OpenApiConformance.fetchDocument(port);

            assertThat(OpenApiConformance.violations(document, Set.of())).as(service.id()).isEmpty();
            assertThat(OpenApiConformance.get(port, "/swagger-ui.html").statusCode()).as(service.id()).isEqualTo(200);
        }
    }

    @Test
    void servesOnLoopbackOnlyWithStatusOnlyHealthAndAPasswordKeptForTheAdmin() throws Exception {
        // Given the stack as pipeline up starts it: bound to 127.0.0.1
        int port = stack.config().port(Component.ORDER_SERVICE);

        // Then no other address of this machine answers on the service's port
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 1000))
                        .as("order-service answers on %s", address)
                        .isInstanceOf(IOException.class);
            }
        }
        // and the admin password the services got is kept for the CLI, readable by its owner only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.adminPasswordFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(stack.adminPasswordFile()).strip()).isNotEmpty();
    }

    @Test
    void exportsEveryMetricADashboardOrRuleNamesAndPrometheusScrapesEveryService() throws Exception {
        // Given orders of this test's own SKU, so the request and listener meters have samples
        client.putStock("E2E-METRICS", 100, "3.00");
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orderIds.add(client.place("metrics-c" + i, List.of(new Line("E2E-METRICS", 1))));
        }
        awaitFinal(orderIds);
        Path repo = stack.config().repoRoot();

        // Then every metric the dashboards and the alert rules name is exported by a service (or, on RabbitMQ, by
        // the broker's rabbitmq_prometheus plugin)
        await().atMost(SETTLE).untilAsserted(() -> {
            Map<String, List<String>> exporters = new HashMap<>();
            for (Component service : Component.services()) {
                client.scrape(stack.baseUri(service).resolve("/actuator/prometheus"))
                        .forEach(name -> exporters.computeIfAbsent(name, n -> new ArrayList<>()).add(service.id()));
            }
            if (binder() == Binder.RABBIT) {
                client.scrape(java.net.URI.create("http://127.0.0.1:15692/metrics"))
                        .forEach(name -> exporters.computeIfAbsent(name, n -> new ArrayList<>()).add("rabbitmq"));
            }
            assertThat(MonitoredMetrics.expectedOn(binder(), repo))
                    .as("metrics named in docker/grafana/dashboards or docker/prometheus/rules.yml but exported by no "
                            + "service%s (see MonitoredMetrics for the binder-only names)",
                            binder() == Binder.RABBIT ? " nor by RabbitMQ's plugin on 127.0.0.1:15692" : "")
                    .allSatisfy(name -> assertThat(exporters).as(name).containsKey(name));
        });
        // and Prometheus scrapes every service (and RabbitMQ's plugin on that binder): all its targets are up
        java.net.URI targets = stack.baseUri(Component.PROMETHEUS).resolve("/api/v1/targets?state=active");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode active = client.json(targets).path("data").path("activeTargets");
            List<String> report = new ArrayList<>();
            List<String> up = new ArrayList<>();
            active.forEach(target -> {
                String name = target.path("labels").path("job").asString() + "/"
                        + target.path("labels").path("service").asString("") + " " + target.path("scrapeUrl").asString();
                report.add(name + ": " + target.path("health").asString() + " lastError='"
                        + target.path("lastError").asString() + "'");
                if ("up".equals(target.path("health").asString())) {
                    up.add(target.path("labels").path("service").asString(target.path("labels").path("job").asString()));
                }
            });
            List<String> expected = new ArrayList<>(Component.services().stream().map(Component::id).toList());
            if (binder() == Binder.RABBIT) {
                expected.add("rabbitmq");
            }
            assertThat(up).as("targets of Prometheus that are up; every target:%n  %s",
                    String.join(System.lineSeparator() + "  ", report)).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    @Test
    void fiveHundredOrdersEndWithExactTotalsInEveryService() throws Exception {
        // Given 50 customers ordering from the demo catalog's first 20 SKUs, 1 in 25 orders naming an unknown SKU
        Random random = new Random(42);
        List<Callable<String[]>> placements = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String customer = "bulk-c" + (i % 50);
            List<Line> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(3);
            for (int l = 0; l < lineCount; l++) {
                lines.add(new Line("SKU-%04d".formatted(1 + random.nextInt(20)), 1 + random.nextInt(3)));
            }
            if (i % 25 == 7) {
                lines.add(new Line("SKU-9999", 1));
            }
            placements.add(() -> new String[] {customer, client.place(customer, lines)});
        }

        // When they are placed over HTTP, 16 at a time
        List<String[]> placed = runConcurrently(placements, 16);

        // Then every order reaches a final state
        Map<String, JsonNode> orders = awaitFinal(placed.stream().map(p -> p[1]).toList());
        Map<String, Long> expectedPoints = new HashMap<>();
        Map<String, Integer> confirmedOrders = new HashMap<>();
        Map<String, Integer> confirmedUnits = new HashMap<>();
        for (String[] p : placed) {
            JsonNode order = orders.get(p[1]);
            if ("CONFIRMED".equals(order.get("status").asString())) {
                BigDecimal total = new BigDecimal(order.get("total").asString());
                expectedPoints.merge(p[0], total.setScale(0, RoundingMode.FLOOR).longValueExact(), Long::sum);
                confirmedOrders.merge(p[0], 1, Integer::sum);
                order.get("items").forEach(item -> confirmedUnits.merge(item.get("sku").asString(),
                        item.get("quantity").asInt(), Integer::sum));
            }
            else {
                assertThat(order.get("rejectionReason").asString()).isEqualTo("UNKNOWN_SKU");
                expectedPoints.putIfAbsent(p[0], 0L);
            }
        }
        assertThat(confirmedOrders.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(480);

        // and every sink applied every event exactly once
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map.Entry<String, Long> customer : expectedPoints.entrySet()) {
                JsonNode points = client.points(customer.getKey());
                assertThat(points.get("balance").asLong()).as("points of %s", customer.getKey())
                        .isEqualTo(customer.getValue());
                assertThat(points.get("entries").size()).isEqualTo(confirmedOrders.getOrDefault(customer.getKey(), 0));
                assertThat(client.coupons(customer.getKey()).size()).as("coupons of %s", customer.getKey())
                        .isEqualTo(confirmedOrders.containsKey(customer.getKey()) ? 1 : 0);
            }
            Map<String, Integer> notificationsPerOrder = new HashMap<>();
            for (String customer : expectedPoints.keySet()) {
                client.notificationsOfCustomer(customer).forEach(n -> {
                    String orderId = n.get("orderId").asString();
                    String expectedType = "CONFIRMED".equals(orders.get(orderId).get("status").asString())
                            ? "ORDER_CONFIRMED" : "ORDER_REJECTED";
                    assertThat(n.get("type").asString()).isEqualTo(expectedType);
                    notificationsPerOrder.merge(orderId, 1, Integer::sum);
                });
            }
            assertThat(notificationsPerOrder).hasSize(500).allSatisfy((orderId, count) -> assertThat(count).isOne());
        });

        // and the stock moved by exactly the confirmed quantities, never below zero
        for (int n = 1; n <= 20; n++) {
            String sku = "SKU-%04d".formatted(n);
            JsonNode stock = client.stock(sku);
            int reserved = confirmedUnits.getOrDefault(sku, 0);
            assertThat(stock.get("reserved").asInt()).as("reserved %s", sku).isEqualTo(reserved);
            assertThat(stock.get("available").asInt()).as("available %s", sku).isEqualTo(1000 - reserved);
        }
    }

    @Test
    void oneOrderIsOneTraceFromItsHttpRequestThroughAllFiveServices() {
        // Given a SKU of this test's own, and a caller that starts the trace (W3C traceparent, sampled)
        client.putStock("E2E-TRACE", 10, "12.50");
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpanId = HexFormat.of().formatHex(randomBytes(8));

        // When one order is placed with it
        String orderId = client.place("trace-c1", List.of(new Line("E2E-TRACE", 2)),
                Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
        assertThat(awaitFinal(List.of(orderId)).get(orderId).get("status").asString()).isEqualTo("CONFIRMED");

        // Then Zipkin holds one trace with spans of all five services, the consumers of the confirmation included
        URI zipkin = stack.baseUri(Component.ZIPKIN);
        OrderTrace trace = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> OrderTrace.read(zipkin, traceId), t -> t.services().containsAll(List.of("order-service",
                        "inventory-service", "points-service", "sms-service", "coupon-service"))
                        && List.of("points-service", "sms-service", "coupon-service").stream()
                                .allMatch(service -> !t.all(span -> span.is(service, "CONSUMER")).isEmpty()));

        // and its root is order-service's HTTP server span, a child of the caller's span
        assertThat(trace.roots()).as("roots of %s", trace).singleElement()
                .satisfies(root -> assertThat(root.is("order-service", "SERVER")).isTrue())
                .satisfies(root -> assertThat(root.parentId()).isEqualTo(callerSpanId));
        OrderTrace.Span request = trace.roots().get(0);
        // and inventory's consumer descends from the relay's publish of OrderPlaced, within the request's trace
        OrderTrace.Span reserve = trace.all(span -> span.is("inventory-service", "CONSUMER")).get(0);
        OrderTrace.Span placedPublish = trace.ancestor(reserve, span -> span.is("order-service", "PRODUCER")
                && "outbox publish".equals(span.name())).orElseThrow(() -> new AssertionError(
                        "no outbox publish above inventory's consumer in " + trace));
        assertThat(trace.descends(placedPublish, request)).as("%s", trace).isTrue();
        // and order-service's stock-result consumer descends from inventory
        OrderTrace.Span stockResult = trace.all(span -> span.is("order-service", "CONSUMER")).get(0);
        assertThat(trace.descends(stockResult, reserve)).as("%s", trace).isTrue();
        // and points, SMS and coupon each consume the confirmation the relay published from that consumer's outbox row
        for (String sink : List.of("points-service", "sms-service", "coupon-service")) {
            OrderTrace.Span consumed = trace.all(span -> span.is(sink, "CONSUMER")).get(0);
            OrderTrace.Span confirmedPublish = trace.ancestor(consumed, span -> span.is("order-service", "PRODUCER")
                    && "outbox publish".equals(span.name())).orElseThrow(() -> new AssertionError(
                            "no outbox publish above " + sink + "'s consumer in " + trace));
            assertThat(trace.descends(confirmedPublish, stockResult)).as("%s in %s", sink, trace).isTrue();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Test
    void rejectsAnOrderForAnUnknownSkuAndOneForShortStock() {
        // Given a SKU with one unit left
        client.putStock("E2E-SHORT", 1, "5.00");

        // When one order asks for two of it and another names a SKU nobody sells
        String shortOrder = client.place("reject-c1", List.of(new Line("E2E-SHORT", 2)));
        String unknownOrder = client.place("reject-c1", List.of(new Line("SKU-0001", 1), new Line("E2E-NOPE", 1)));

        // Then both are rejected with their reason, told by SMS, and nothing else happens
        Map<String, JsonNode> orders = awaitFinal(List.of(shortOrder, unknownOrder));
        assertThat(orders.get(shortOrder).get("status").asString()).isEqualTo("REJECTED");
        assertThat(orders.get(shortOrder).get("rejectionReason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(orders.get(unknownOrder).get("status").asString()).isEqualTo("REJECTED");
        assertThat(orders.get(unknownOrder).get("rejectionReason").asString()).isEqualTo("UNKNOWN_SKU");
        await().atMost(SETTLE).untilAsserted(() -> assertThat(client.notificationsOfCustomer("reject-c1"))
                .extracting(n -> n.get("type").asString())
                .containsExactlyInAnyOrder("ORDER_REJECTED", "ORDER_REJECTED"));
        assertThat(client.points("reject-c1").get("balance").asLong()).isZero();
        assertThat(client.coupons("reject-c1").size()).isZero();
        JsonNode stock = client.stock("E2E-SHORT");
        assertThat(stock.get("available").asInt()).isEqualTo(1);
        assertThat(stock.get("reserved").asInt()).isZero();
    }

    @Test
    void fiftyConcurrentOrdersForAStockOfTenConfirmExactlyTen() throws Exception {
        // Given ten units
        client.putStock("E2E-RACE", 10, "1.00");

        // When 50 customers order one unit each at the same time
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String customer = "race-c" + i;
            racers.add(() -> client.place(customer, List.of(new Line("E2E-RACE", 1))));
        }
        List<String> orderIds = runConcurrently(racers, 50);

        // Then exactly ten are confirmed, the rest rejected as out of stock, and the stock never went below zero
        Map<String, JsonNode> orders = awaitFinal(orderIds);
        assertThat(orders.values().stream().filter(o -> "CONFIRMED".equals(o.get("status").asString()))).hasSize(10);
        assertThat(orders.values().stream().filter(o -> "OUT_OF_STOCK".equals(o.get("rejectionReason").asString())))
                .hasSize(40);
        JsonNode stock = client.stock("E2E-RACE");
        assertThat(stock.get("available").asInt()).isZero();
        assertThat(stock.get("reserved").asInt()).isEqualTo(10);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() throws Exception {
        // Given a confirmed order whose points, SMS and coupon are all there
        String orderId = client.place("dup-c1", List.of(new Line("SKU-0050", 2)));
        awaitFinal(List.of(orderId));
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(client.points("dup-c1").get("balance").asLong()).isEqualTo(69);
            assertThat(client.notificationsOfCustomer("dup-c1").size()).isOne();
            assertThat(client.coupons("dup-c1").size()).isOne();
        });
        JsonNode stockBefore = client.stock("SKU-0050");
        Map<Component, Double> duplicatesBefore = duplicatesSeen();

        // When the outbox relay publishes its OrderPlaced and OrderConfirmed again, with the same event ids,
        // as after a crash between the broker's confirm and marking the rows sent
        try (Connection order = infrastructure.connect("order-service");
             PreparedStatement resend = order.prepareStatement(
                     "UPDATE outbox SET sent_at = NULL WHERE partition_key = ?"
                             + " AND event_type IN ('OrderPlaced', 'OrderConfirmed')")) {
            // (the order's third row, its PaymentDue timer, would come back only when the payment window closes)
            resend.setString(1, orderId);
            assertThat(resend.executeUpdate()).isEqualTo(2);
        }

        // Then every consumer sees the duplicate and skips it: nothing is applied twice
        await().atMost(SETTLE).untilAsserted(() -> {
            Map<Component, Double> duplicates = duplicatesSeen();
            for (Component sink : List.of(Component.POINTS_SERVICE, Component.SMS_SERVICE, Component.COUPON_SERVICE,
                    Component.INVENTORY_SERVICE, Component.ORDER_SERVICE)) {
                assertThat(duplicates.get(sink)).as("duplicates skipped by %s", sink)
                        .isGreaterThan(duplicatesBefore.get(sink));
            }
        });
        assertThat(client.points("dup-c1").get("balance").asLong()).isEqualTo(69);
        assertThat(client.points("dup-c1").get("entries").size()).isOne();
        assertThat(client.notificationsOfCustomer("dup-c1").size()).isOne();
        assertThat(client.coupons("dup-c1").size()).isOne();
        assertThat(client.stock("SKU-0050").get("reserved").asInt()).isEqualTo(stockBefore.get("reserved").asInt());
        assertThat(client.order(orderId).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void livePageShowsOrdersFlowingInAHeadlessBrowser() throws Exception {
        // Given the live page open in a browser, and a SKU of this test's own
        client.putStock("E2E-LIVE", 1000, "2.50");
        try (LivePage page = LivePage.open(stack.baseUri(Component.CONSOLE))) {
            await().atMost(Duration.ofSeconds(60)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> "live".equals(page.connection()) && page.acceptedTotal() >= 0 && page.finalTotal() >= 0);
            long acceptedBefore = page.acceptedTotal();
            long finalBefore = page.finalTotal();

            // When ten customers order one unit each
            List<String> orderIds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                orderIds.add(client.place("live-c" + i, List.of(new Line("E2E-LIVE", 1))));
            }

            // Then the page's counters move by at least those ten, and its latest orders are these, final in every service
            // (order-service lists them by creation time, on MySQL in whole seconds: which of them are newest within
            // one second is not defined, so every row shown is checked, not one named order)
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                    .ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        assertThat(page.acceptedTotal()).as("accepted").isGreaterThanOrEqualTo(acceptedBefore + 10);
                        assertThat(page.finalTotal()).as("final").isGreaterThanOrEqualTo(finalBefore + 10);
                        Map<String, List<String>> rows = page.latestOrders();
                        assertThat(rows).as("latest orders").isNotEmpty();
                        assertThat(orderIds).as("latest orders").containsAll(rows.keySet());
                        rows.forEach((orderId, row) -> {
                            assertThat(row.get(1)).as("customer of %s", orderId).startsWith("live-c");
                            assertThat(row.get(3)).as("order-service, %s", orderId).isEqualTo("CONFIRMED");
                            assertThat(row.get(4)).as("inventory, %s", orderId).isEqualTo("RESERVED 2.50");
                            assertThat(row.get(5)).as("points, %s", orderId).isEqualTo("+2");
                            assertThat(row.get(6)).as("sms, %s", orderId).isEqualTo("ORDER_CONFIRMED");
                            assertThat(row.get(7)).as("coupon, %s", orderId).startsWith("WELCOME-");
                        });
                    });
            page.screenshot(Path.of("target", "live-page-" + binder().name().toLowerCase() + ".png"));
        }
    }

    private Map<Component, Double> duplicatesSeen() {
        Map<Component, Double> seen = new HashMap<>();
        for (Component service : Component.services()) {
            seen.put(service, client.counter(service, "inbox_duplicates_total", Map.of()));
        }
        return seen;
    }

    private Map<String, JsonNode> awaitFinal(List<String> orderIds) {
        Map<String, JsonNode> decided = new HashMap<>();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                if (!decided.containsKey(orderId)) {
                    JsonNode order = client.order(orderId);
                    if (!"PENDING".equals(order.get("status").asString())) {
                        decided.put(orderId, order);
                    }
                }
            }
            assertThat(decided).as("orders in a final state").hasSize(orderIds.size());
        });
        return decided;
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
