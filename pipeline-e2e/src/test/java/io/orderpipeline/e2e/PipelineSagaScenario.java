package io.orderpipeline.e2e;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderpipeline.e2e.PipelineClient.Line;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order's whole life on one binder, end to end (issue 16): orders confirmed, then a third paid, a third cancelled
 * by the customer and a third left until the broker's timer cancels them, with order-service killed and started
 * again while those timers are pending; at the end every service's books are exact. Its own stack, because the
 * payment window here is seconds ({@value #PAYMENT_TIMEOUT}) and would cancel the other scenarios' orders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineSagaScenario {

    /** The payment window of this stack's order-service (PIPELINE_PAYMENT_TIMEOUT). */
    static final String PAYMENT_TIMEOUT = "20s";

    private static final int ORDERS = 300;
    private static final String SKU = "SAGA-SKU";
    private static final int STOCK = 10_000;
    private static final int UNITS = 2;
    /** 2 units at 2.50. */
    private static final String TOTAL = "5.00";
    private static final long POINTS = 5;
    private static final Duration SETTLE = Duration.ofSeconds(240);

    private EndToEndStack e2e;
    private PipelineClient client;

    abstract Binder binder();

    @BeforeAll
    void startStack() {
        e2e = EndToEndStack.start("saga_" + binder().name().toLowerCase(), binder(), FreePorts.block(7),
                config -> {
                    Component.services().forEach(
                            service -> config.env(service, "PIPELINE_PAYMENT_TIMEOUT", PAYMENT_TIMEOUT));
                    // the reconciliation looks at orders settled for 2 s (30 s by default)
                    config.env(Component.ORDER_SERVICE, "PIPELINE_RECONCILE_SETTLE", "2s");
                    // the sweep, the safety net for lost timers, only for orders overdue by 5 min: longer than this
                    // test waits, so every timeout here is the broker's timer, across the restart too
                    config.env(Component.ORDER_SERVICE, "PIPELINE_PAYMENT_SWEEP_GRACE", "5m");
                });
        client = e2e.client();
    }

    @AfterAll
    void stopStack() throws Exception {
        if (e2e != null) {
            e2e.close();
        }
    }

    /** What the test does with a confirmed order. */
    enum Fate {
        PAY, CANCEL, TIME_OUT;

        static Fate of(int index) {
            return values()[index % 3];
        }
    }

    @Test
    void paidCancelledAndTimedOutOrdersLeaveExactBooksInEveryServiceAcrossARestartOfOrderService() throws Exception {
        // Given a SKU of this test's own, and 300 customers with one order each, every order confirmed and then
        // paid, cancelled by its customer, or left to time out (each right after its own confirmation, in its window)
        Instant since = Instant.now().minusSeconds(1);
        client.putStock(SKU, STOCK, "2.50");
        List<String> orderIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                int index = i;
                placed.add(pool.submit(() -> live(index)));
            }
            for (Future<String> orderId : placed) {
                orderIds.add(orderId.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long pendingTimers = countTimedOutOrdersStill("CONFIRMED", orderIds);

        // When order-service is killed (SIGKILL) while those timers are pending, and started again
        e2e.stack().kill(Component.ORDER_SERVICE);
        e2e.stack().start(Component.ORDER_SERVICE);

        // Then the timers were not lost: every order left alone is cancelled by its payment timeout, the others
        // are as the customers left them
        assertThat(pendingTimers).as("timed-out orders still CONFIRMED when order-service was killed").isPositive();
        Map<String, JsonNode> finals = new HashMap<>();
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int i = 0; i < ORDERS; i++) {
                JsonNode order = client.order(orderIds.get(i));
                String status = order.get("status").asString();
                if (!"CONFIRMED".equals(status)) {
                    finals.put(orderIds.get(i), order);
                }
            }
            assertThat(finals).as("orders no longer CONFIRMED").hasSize(ORDERS);
        });
        for (int i = 0; i < ORDERS; i++) {
            JsonNode order = finals.get(orderIds.get(i));
            switch (Fate.of(i)) {
                case PAY -> {
                    assertThat(order.get("status").asString()).as(orderIds.get(i)).isEqualTo("PAID");
                    assertThat(order.get("paidAt").isNull()).isFalse();
                }
                case CANCEL -> assertThat(order.get("cancellationReason").asString()).as(orderIds.get(i))
                        .isEqualTo("CUSTOMER");
                case TIME_OUT -> assertThat(order.get("cancellationReason").asString()).as(orderIds.get(i))
                        .isEqualTo("PAYMENT_TIMEOUT");
            }
        }
        // (by the broker's timers: the sweep, the safety net for lost ones, found none)
        assertThat(client.counter(Component.ORDER_SERVICE, "orders_payment_timeouts_swept_total", Map.of()))
                .as("orders cancelled by the sweep, not by their timer").isZero();
        // and each cancellation was decided once: one OrderCancelled per cancelled order, none for a paid one
        Map<String, Integer> cancellations = outboxRows("OrderCancelled");
        for (int i = 0; i < ORDERS; i++) {
            assertThat(cancellations.getOrDefault(orderIds.get(i), 0)).as("OrderCancelled rows of %s (%s)",
                    orderIds.get(i), Fate.of(i)).isEqualTo(Fate.of(i) == Fate.PAY ? 0 : 1);
        }
        // and every service's books are exact: the stock of the paid orders stays reserved, the rest is released;
        // paid customers keep their points and welcome coupon and got ORDER_PAID; cancelled ones are net zero, have no
        // active coupon and got ORDER_CANCELLED
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode stock = client.stock(SKU);
            assertThat(stock.get("reserved").asInt()).as("reserved").isEqualTo(ORDERS / 3 * UNITS);
            assertThat(stock.get("available").asInt()).as("available").isEqualTo(STOCK - ORDERS / 3 * UNITS);
        });
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (int i = 0; i < ORDERS; i++) {
                String customer = customer(i);
                boolean paid = Fate.of(i) == Fate.PAY;
                assertThat(client.points(customer).get("balance").asLong()).as("points of %s", customer)
                        .isEqualTo(paid ? POINTS : 0);
                assertThat(activeCoupons(customer)).as("active coupons of %s", customer).isEqualTo(paid ? 1 : 0);
                List<String> sms = smsTypes(customer);
                if (paid) {
                    assertThat(sms).as("SMS of %s", customer).containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_PAID");
                } else {
                    assertThat(sms).as("SMS of %s", customer).containsOnlyOnce("ORDER_CANCELLED")
                            .doesNotContain("ORDER_PAID");
                }
            }
        });
        // and the reconciliation of every service against the orders agrees
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode report = reconcile(since, false);
            assertThat(report.get("discrepancies")).as(report.toString()).isEmpty();
            assertThat(report.get("orders").asInt()).isGreaterThanOrEqualTo(ORDERS);
        });
    }

    @Test
    void aPaymentOrCancellationThatDoesNotApplyIsRefusedWithAProblemAndChangesNothing() {
        // Given a confirmed order
        client.putStock("SAGA-REFUSED", 10, "2.50");
        String orderId = client.place("saga-refused", List.of(new Line("SAGA-REFUSED", UNITS)));
        awaitStatus(orderId, "CONFIRMED");

        // When it is paid with the wrong amount, then paid, then cancelled
        HttpResponse<String> wrongAmount = client.pay(orderId, "4.99");
        HttpResponse<String> paid = client.pay(orderId, TOTAL);
        HttpResponse<String> again = client.pay(orderId, TOTAL);
        HttpResponse<String> cancelled = client.cancel(orderId);

        // Then the wrong amount is 422 and the cancellation of a paid order 409, as problem details; the payment
        // applies once and its repetition answers the same
        assertThat(wrongAmount.statusCode()).isEqualTo(422);
        assertThat(wrongAmount.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(paid.body());
        assertThat(cancelled.statusCode()).isEqualTo(409);
        assertThat(cancelled.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(client.order(orderId).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void theReconciliationFindsEffectsLostBehindThePipelinesBackAndItsRepairBringsThemBackOnce() throws Exception {
        // Given two paid orders and a cancelled one, each with all its effects in every service (none is left
        // CONFIRMED: its payment window, 20 s here, would cancel it during the test)
        client.putStock("SAGA-RECONCILE", 100, "2.50");
        String paid = client.place(recCustomer("paid"), List.of(new Line("SAGA-RECONCILE", UNITS)));
        // the window starts with this test's first order, so it holds this test's orders only
        Instant since = Instant.parse(client.order(paid).get("createdAt").asString());
        String cancelled = client.place(recCustomer("cancelled"), List.of(new Line("SAGA-RECONCILE", UNITS)));
        String couponed = client.place(recCustomer("couponed"), List.of(new Line("SAGA-RECONCILE", UNITS)));
        for (String orderId : List.of(paid, cancelled, couponed)) {
            awaitStatus(orderId, "CONFIRMED");
        }
        assertThat(client.pay(paid, TOTAL).statusCode()).isEqualTo(200);
        assertThat(client.pay(couponed, TOTAL).statusCode()).isEqualTo(200);
        assertThat(client.cancel(cancelled).statusCode()).isEqualTo(200);
        // (and settled: the reconciliation compares orders unchanged for PIPELINE_RECONCILE_SETTLE, 2 s here)
        awaitAgreement(since, 3);

        // When an order is confirmed and cancelled while sms-service is down, and both its events are purged from
        // sms-service's queues (RabbitMQ) or the topics (Kafka) once the other groups have applied them
        e2e.stack().stop(Component.SMS_SERVICE);
        String lost = client.place(recCustomer("lost"), List.of(new Line("SAGA-RECONCILE", UNITS)));
        awaitStatus(lost, "CONFIRMED");
        assertThat(client.cancel(lost).statusCode()).isEqualTo(200);
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(client.points(recCustomer("lost")).get("balance").asLong()).isZero();
            assertThat(activeCoupons(recCustomer("lost"))).isZero();
            assertThat(client.stock("SAGA-RECONCILE").get("reserved").asInt()).isEqualTo(2 * UNITS);
            assertThat(outboxUnsent()).isZero();
        });
        purgeForSms(List.of(Topology.ORDERS_CONFIRMED, Topology.ORDERS_CANCELLED), 2);
        e2e.stack().start(Component.SMS_SERVICE);
        // and, behind the pipeline's back (as a restored backup would), points-service loses a paid order's credit,
        // sms-service the cancelled order's ORDER_CANCELLED and coupon-service the other paid order's welcome coupon,
        // each with its inbox rows
        forget(Component.POINTS_SERVICE, paid, "points_entry");
        forget(Component.SMS_SERVICE, cancelled, "notification");
        forget(Component.COUPON_SERVICE, couponed, "coupon", "welcome_order");
        // and a stray credit and a stray ACTIVE coupon appear for orders nobody placed
        String stray = "stray-" + binder();
        String strayCoupon = "stray-coupon-" + binder();
        try (Connection points = e2e.infrastructure().connect(Component.POINTS_SERVICE.id());
             PreparedStatement insert = points.prepareStatement("INSERT INTO points_entry (order_id, entry_no, "
                     + "customer_id, points, kind, credited_at) VALUES (?, 1, ?, 7, 'CREDIT', ?)")) {
            insert.setString(1, stray);
            insert.setString(2, recCustomer("stray"));
            insert.setTimestamp(3, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            assertThat(insert.executeUpdate()).isOne();
        }
        try (Connection coupons = e2e.infrastructure().connect(Component.COUPON_SERVICE.id());
             PreparedStatement insert = coupons.prepareStatement("INSERT INTO coupon (code, customer_id, order_id, "
                     + "issued_at, status, active_customer_id) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")) {
            insert.setString(1, "STRAY-" + binder().name().substring(0, 1));
            insert.setString(2, recCustomer("stray"));
            insert.setString(3, strayCoupon);
            insert.setTimestamp(4, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            insert.setString(5, recCustomer("stray"));
            assertThat(insert.executeUpdate()).isOne();
        }
        // and the couponed order's ORDER_PAID is recorded as expired (as one that waited too long in a queue is)
        try (Connection sms = e2e.infrastructure().connect(Component.SMS_SERVICE.id());
             PreparedStatement expire = sms.prepareStatement("UPDATE notification SET status = 'EXPIRED', "
                     + "reason = 'older than 10m (set by the test)' WHERE order_id = ? AND type = 'ORDER_PAID'")) {
            expire.setString(1, couponed);
            assertThat(expire.executeUpdate()).isOne();
        }

        // Then the reconciliation names exactly those seven, by kind
        JsonNode found = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> reconcile(since, false), report -> report.get("orders").asInt() == 4);
        assertThat(kinds(found.get("discrepancies"))).containsExactlyInAnyOrder(
                "POINTS_MISSING " + paid, "SMS_MISSING " + cancelled, "COUPON_MISSING " + couponed,
                "SMS_MISSING " + lost, "POINTS_STRAY " + stray, "COUPON_STRAY " + strayCoupon,
                "SMS_EXPIRED " + couponed);
        // and its repair re-publishes the four lost events with their original ids and sends three corrections
        // (the stray credit taken back, the stray coupon revoked, one status notice for the expired SMS)
        JsonNode repaired = reconcile(since, true);
        assertThat(repaired.get("found")).hasSize(7);
        assertThat(repaired.get("repaired").asInt()).isEqualTo(7);
        assertThat(repaired.get("discrepancies")).as(repaired.toString()).isEmpty();
        assertThat(client.points(recCustomer("paid")).get("balance").asLong()).isEqualTo(POINTS);
        assertThat(smsTypes(recCustomer("cancelled"))).containsOnlyOnce("ORDER_CANCELLED");
        assertThat(smsTypes(recCustomer("lost"))).containsExactly("ORDER_CANCELLED");
        assertThat(smsTypes(recCustomer("couponed"))).containsOnlyOnce("ORDER_STATUS");
        assertThat(activeCoupons(recCustomer("couponed"))).isOne();
        assertThat(client.points(recCustomer("stray")).get("balance").asLong()).isZero();
        assertThat(activeCoupons(recCustomer("stray"))).isZero();
        // and a second repair finds nothing to do
        JsonNode again = reconcile(since, true);
        assertThat(again.get("found")).as(again.toString()).isEmpty();
        assertThat(again.get("repaired").asInt()).isZero();
    }

    private String recCustomer(String role) {
        return "saga-rec-" + role + "-" + binder().name().toLowerCase();
    }

    private void awaitAgreement(Instant since, int orders) {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = reconcile(since, false);
            assertThat(report.get("orders").asInt()).as("orders compared").isEqualTo(orders);
            assertThat(report.get("discrepancies")).as(report.toString()).isEmpty();
        });
    }

    private long outboxUnsent() throws Exception {
        try (Connection order = e2e.infrastructure().connect(Component.ORDER_SERVICE.id());
             PreparedStatement query = order.prepareStatement("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Drops what waits for sms-service on the destinations: its partition queues' messages (RabbitMQ; asserts that
     * {@code expected} were dropped), or every record of the topics (Kafka: the other groups have read them).
     */
    private void purgeForSms(List<Topology.Destination> destinations, int expected) throws Exception {
        if (binder() == Binder.RABBIT) {
            Map<String, String> env = e2e.infrastructure().environmentFor(Component.SMS_SERVICE.id());
            com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
            factory.setHost(env.get("RABBITMQ_HOST"));
            factory.setPort(Integer.parseInt(env.get("RABBITMQ_PORT")));
            factory.setUsername(env.get("RABBITMQ_USERNAME"));
            factory.setPassword(env.get("RABBITMQ_PASSWORD"));
            factory.setVirtualHost(env.get("RABBITMQ_VHOST"));
            int purged = 0;
            try (com.rabbitmq.client.Connection connection = factory.newConnection("saga-e2e-purge");
                 com.rabbitmq.client.Channel channel = connection.createChannel()) {
                for (Topology.Destination destination : destinations) {
                    for (int i = 0; i < Topology.DEFAULT_PARTITION_COUNT; i++) {
                        purged += channel.queuePurge(destination.rabbitPartitionQueue(Component.SMS_SERVICE.id(), i))
                                .getMessageCount();
                    }
                }
            }
            assertThat(purged).as("messages purged from sms-service's queues").isEqualTo(expected);
            return;
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                e2e.stack().kafkaBootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new HashMap<>();
            for (Topology.Destination destination : destinations) {
                for (int i = 0; i < Topology.DEFAULT_PARTITION_COUNT; i++) {
                    latest.put(new org.apache.kafka.common.TopicPartition(destination.name(), i),
                            org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete =
                    new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, offset) -> delete.put(partition,
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(offset.offset())));
            admin.deleteRecords(delete).all().get();
        }
    }

    private JsonNode reconcile(Instant since, boolean repair) {
        java.net.URI uri = e2e.stack().baseUri(Component.ORDER_SERVICE)
                .resolve((repair ? "/reconciliation/repair" : "/reconciliation") + "?since=" + since);
        if (!repair) {
            return client.json(uri);
        }
        HttpResponse<String> response = client.post(uri);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
    }

    private static List<String> kinds(JsonNode discrepancies) {
        List<String> kinds = new ArrayList<>();
        discrepancies.forEach(d -> kinds.add(d.get("kind").asString() + " " + d.get("orderId").asString()));
        return kinds;
    }

    /** Deletes an order's rows from a service's effect tables and its inbox rows, straight in the database. */
    private void forget(Component service, String orderId, String... tables) throws Exception {
        List<String> deletes = new ArrayList<>();
        for (String table : tables) {
            deletes.add("DELETE FROM " + table + " WHERE order_id = ?");
        }
        deletes.add("DELETE FROM processed_message WHERE order_id = ?");
        try (Connection db = e2e.infrastructure().connect(service.id())) {
            for (String sql : deletes) {
                try (PreparedStatement delete = db.prepareStatement(sql)) {
                    delete.setString(1, orderId);
                    assertThat(delete.executeUpdate()).as("%s on %s", sql, service).isPositive();
                }
            }
        }
    }

    /** Places order {@code index}, waits for its confirmation and does what its {@link Fate} says; returns its id. */
    private String live(int index) {
        String orderId = client.place(customer(index), List.of(new Line(SKU, UNITS)));
        awaitStatus(orderId, "CONFIRMED");
        switch (Fate.of(index)) {
            case PAY -> assertThat(client.pay(orderId, TOTAL).statusCode()).as("payment of %s", orderId).isEqualTo(200);
            case CANCEL -> assertThat(client.cancel(orderId).statusCode()).as("cancellation of %s", orderId)
                    .isEqualTo(200);
            case TIME_OUT -> {
            }
        }
        return orderId;
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(client.order(orderId).get("status").asString()));
    }

    private long countTimedOutOrdersStill(String status, List<String> orderIds) {
        long count = 0;
        for (int i = 0; i < orderIds.size(); i++) {
            if (Fate.of(i) == Fate.TIME_OUT && status.equals(client.order(orderIds.get(i)).get("status").asString())) {
                count++;
            }
        }
        return count;
    }

    private String customer(int index) {
        return "saga-" + binder().name().toLowerCase() + "-c" + index;
    }

    private long activeCoupons(String customer) {
        long active = 0;
        for (JsonNode coupon : client.coupons(customer)) {
            if ("ACTIVE".equals(coupon.path("status").asString())) {
                active++;
            }
        }
        return active;
    }

    private List<String> smsTypes(String customer) {
        List<String> types = new ArrayList<>();
        client.notificationsOfCustomer(customer).forEach(n -> types.add(n.get("type").asString()));
        return types;
    }

    /** @return order-service's outbox rows of an event type, counted per order id */
    private Map<String, Integer> outboxRows(String eventType) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection order = e2e.infrastructure().connect("order-service");
             PreparedStatement query = order.prepareStatement(
                     "SELECT partition_key, COUNT(*) FROM outbox WHERE event_type = ? GROUP BY partition_key")) {
            query.setString(1, eventType);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }
}
