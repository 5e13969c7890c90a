package io.orderpipeline.order.it;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.PricedLine;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import io.orderpipeline.messaging.testing.ServiceHttp;
import io.orderpipeline.messaging.testing.ServiceScenario;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.order.lifecycle.OrderPayments;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-service on a real broker and database: an order placed over HTTP, its {@code OrderPlaced} read from
 * {@code orders.placed}, answered with a {@code StockReserved} on {@code stock.checked} as inventory-service would,
 * and the {@code OrderConfirmed} read from {@code orders.confirmed} by a consumer the topology does not know.
 * One scenario, run by {@link OrderMessagingRabbitIT} and {@link OrderMessagingKafkaIT}.
 */
@TestPropertySource(properties = "pipeline.payment.timeout=" + OrderMessagingScenario.PAYMENT_TIMEOUT)
abstract class OrderMessagingScenario extends ServiceScenario {

    /** The payment window of this scenario: a few seconds, so the broker's timer is seen to fire. */
    static final String PAYMENT_TIMEOUT = "5s";

    /** A consumer group that is in no service and not in {@link Topology}: a consumer added later. */
    static final String NEW_GROUP = "audit-service";

    @Autowired
    BindingServiceProperties bindings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OrderPayments payments;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * Places an order, answers it, and shows the confirmation applied once and published, and an unreadable answer
     * dead-lettered with its cause.
     *
     * <p>It also shows that adding a consumer changes nothing in the producer: {@value #NEW_GROUP} subscribes to
     * {@code orders.confirmed} while order-service runs unchanged (its {@code required-groups} are the topology's
     * groups, without the new one) and receives what order-service publishes from then on. How each binder gets
     * there:
     * <ul>
     * <li>RabbitMQ: a message reaches only the queues bound when it is published; an exchange without a bound
     * queue drops it (returned, and the outbox keeps the row, when mandatory). The new group's queues exist from
     * its first start ({@code <destination>.<group>-<i>}), so it receives everything published after that, but
     * nothing before. A producer pre-creates the queues of the groups it lists in {@code required-groups}, so those
     * groups also get what is published before their first start; the library derives that list from
     * {@link Topology}, so the new consumer gets the same once its line is added there, still without a change in
     * order-service.</li>
     * <li>Kafka: the topic keeps the records; a new group starts at the earliest offset
     * ({@code start-offset: earliest}) and reads what was published before it existed too.</li>
     * </ul>
     */
    @Test
    void confirmsAnOrderOnceWhenStockIsReservedAndANewConsumerGroupReceivesTheConfirmation() {
        assertThat(bindings.getBindingProperties(Topology.ORDERS_CONFIRMED.producerBinding()).getProducer()
                .getRequiredGroups()).as("the producer is not told about the new group")
                .containsExactlyInAnyOrderElementsOf(Topology.ORDERS_CONFIRMED.groups())
                .doesNotContain(NEW_GROUP);
        try (ContractBroker.Subscriber placedEvents = broker.subscribe(Destinations.ORDERS_PLACED, "it-request-reader");
             ContractBroker.Subscriber audit = broker.subscribe(Destinations.ORDERS_CONFIRMED, NEW_GROUP)) {
            ServiceHttp.Response accepted = http.post("/orders",
                    "{\"customerId\": \"c-42\", \"items\": [{\"sku\": \"SKU-0001\", \"quantity\": 2}]}");
            assertThat(accepted.status()).isEqualTo(202);
            String orderId = accepted.json().get("orderId").asString();
            assertThat(accepted.location()).isEqualTo("/orders/" + orderId);

            ReceivedMessage request = placedEvents.await(m -> orderId.equals(m.header(EventHeaders.PARTITION_KEY)),
                    Duration.ofSeconds(30));
            assertThat(request.header(EventHeaders.EVENT_TYPE)).isEqualTo("OrderPlaced");
            OrderPlaced placed = request.as(OrderPlaced.class);
            assertThat(placed.customerId()).isEqualTo("c-42");
            assertThat(placed.items()).containsExactly(new OrderLine("SKU-0001", 2));
            assertThat(request.header(EventHeaders.EVENT_ID)).isEqualTo(placed.eventId().toString());

            StockReserved reserved = new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                    List.of(new PricedLine("SKU-0001", 2, new BigDecimal("4.25"))), new BigDecimal("8.50"));
            broker.publish(Destinations.STOCK_CHECKED, reserved);
            broker.publish(Destinations.STOCK_CHECKED, reserved);

            ReceivedMessage confirmation = audit.await(m -> orderId.equals(m.header(EventHeaders.PARTITION_KEY)),
                    Duration.ofSeconds(30));
            assertThat(confirmation.header(EventHeaders.EVENT_TYPE)).isEqualTo("OrderConfirmed");
            OrderConfirmed confirmed = confirmation.as(OrderConfirmed.class);
            assertThat(confirmed.customerId()).isEqualTo("c-42");
            assertThat(confirmed.total()).isEqualByComparingTo("8.50");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "CONFIRMED".equals(http.get("/orders/" + orderId).json().get("status").asString()));

            UUID unreadable = UUID.randomUUID();
            broker.publish(Destinations.STOCK_CHECKED, orderId, Map.of(EventHeaders.EVENT_TYPE, "StockReserved",
                    EventHeaders.EVENT_ID, unreadable.toString(), EventHeaders.PARTITION_KEY, orderId),
                    "[\"not\", \"an event\"]".getBytes(StandardCharsets.UTF_8));
            try (ContractBroker.Subscriber deadLetters = broker.deadLetters(Topology.STOCK_CHECKED,
                    Topology.Service.ORDER.id())) {
                ReceivedMessage dead = deadLetters.await(m -> unreadable.toString().equals(m.header(EventHeaders.EVENT_ID)),
                        Duration.ofSeconds(30));
                assertThat(dead.header("x-exception-cause-fqcn")).as("the cause of the dead letter").isNotBlank();
            }
            // the duplicate answer was handled before the unreadable one behind it on the same partition
            assertThat(audit.drain(Duration.ofMillis(500)))
                    .filteredOn(m -> orderId.equals(m.header(EventHeaders.PARTITION_KEY))).hasSize(1);
        }
    }

    /**
     * Two orders confirmed; one paid, one not. The broker brings the unpaid one's timer back once its window closed
     * (RabbitMQ: the wait queue's TTL dead-letters it into order-service's queue; Kafka: the consumer held the record
     * until it was due), and it is cancelled (PAYMENT_TIMEOUT) with an {@code OrderCancelled}; the paid one's timer
     * changes nothing. The sweep caught nothing: the timer did it.
     */
    @Test
    void cancelsAnUnpaidOrderWhenItsPaymentWindowClosesAndAPaidOneStaysPaid() {
        double sweptBefore = meters.get(OrderPayments.SWEPT_METRIC).counter().count();
        try (ContractBroker.Subscriber cancellations = broker.subscribe(Destinations.ORDERS_CANCELLED,
                "it-cancellation-reader")) {
            String paid = confirmedOrder("c-pays");
            String unpaid = confirmedOrder("c-waits");

            ServiceHttp.Response payment = http.post("/orders/" + paid + "/payment", "{\"amount\": \"8.50\"}");
            assertThat(payment.status()).isEqualTo(200);
            assertThat(payment.json().get("status").asString()).isEqualTo("PAID");
            assertThat(http.post("/orders/" + paid + "/payment", "{\"amount\": \"8.50\"}").status()).isEqualTo(200);

            ReceivedMessage cancelled = cancellations.await(m -> unpaid.equals(m.header(EventHeaders.PARTITION_KEY)),
                    Duration.ofSeconds(60));
            assertThat(cancelled.header(EventHeaders.EVENT_TYPE)).isEqualTo("OrderCancelled");
            assertThat(cancelled.as(OrderCancelled.class).reason().name()).isEqualTo("PAYMENT_TIMEOUT");
            ServiceHttp.Response view = http.get("/orders/" + unpaid);
            assertThat(view.json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(view.json().get("cancellationReason").asString()).isEqualTo("PAYMENT_TIMEOUT");
            assertThat(Instant.parse(view.json().get("cancelledAt").asString()))
                    .as("not before the window closed").isAfterOrEqualTo(Instant.parse(view.json().get("paymentDueAt").asString()));

            // the paid order's window closed before the unpaid one's: give its timer the same time again
            assertThat(cancellations.drain(Duration.ofSeconds(5)))
                    .filteredOn(m -> paid.equals(m.header(EventHeaders.PARTITION_KEY))).isEmpty();
            assertThat(http.get("/orders/" + paid).json().get("status").asString()).isEqualTo("PAID");
            assertThat(meters.get(OrderPayments.SWEPT_METRIC).counter().count()).isEqualTo(sweptBefore);
        }
    }

    @Test
    void aPaymentACancellationAndTheTimerRacingAtTheDeadlineEndInExactlyOneOutcome() throws Exception {
        // Given confirmed orders
        List<String> orderIds = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orderIds.add(confirmedOrder("c-race-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (String orderId : orderIds) {
                // When, just before its window closes, its payment, its cancellation and its timer (applied here
                // besides the broker's own) start together on three threads
                Instant due = Instant.parse(http.get("/orders/" + orderId).json().get("paymentDueAt").asString());
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                        .until(() -> !Instant.now().isBefore(due.minusMillis(20)));
                CyclicBarrier start = new CyclicBarrier(3);
                Future<Integer> paid = pool.submit(() -> {
                    start.await();
                    return http.post("/orders/" + orderId + "/payment", "{\"amount\": \"8.50\"}").status();
                });
                Future<Integer> cancelled = pool.submit(() -> {
                    start.await();
                    return http.post("/orders/" + orderId + "/cancellation", "").status();
                });
                Future<OrderPayments.Expiry> timer = pool.submit(() -> {
                    start.await();
                    return payments.expire(orderId);
                });
                int payment = paid.get();
                int cancellation = cancelled.get();
                timer.get();

                // Then it is PAID or CANCELLED, with exactly one outcome event in the outbox, and the answers agree
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        http.get("/orders/" + orderId).json().get("status").asString()).isIn("PAID", "CANCELLED"));
                String status = http.get("/orders/" + orderId).json().get("status").asString();
                Integer outcomes = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE partition_key = ?"
                        + " AND event_type IN ('OrderPaid', 'OrderCancelled')", Integer.class, orderId);
                assertThat(outcomes).as("outcome events of %s (%s)", orderId, status).isOne();
                if (status.equals("PAID")) {
                    assertThat(List.of(payment, cancellation)).as(orderId).containsExactly(200, 409);
                } else {
                    assertThat(List.of(payment, cancellation)).as(orderId).containsExactly(409, 200);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Places an order for 2 × SKU-0001, answers it with a reservation (total 8.50) and waits until CONFIRMED. */
    private String confirmedOrder(String customerId) {
        ServiceHttp.Response accepted = http.post("/orders",
                "{\"customerId\": \"" + customerId + "\", \"items\": [{\"sku\": \"SKU-0001\", \"quantity\": 2}]}");
        assertThat(accepted.status()).isEqualTo(202);
        String orderId = accepted.json().get("orderId").asString();
        broker.publish(Destinations.STOCK_CHECKED, new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                List.of(new PricedLine("SKU-0001", 2, new BigDecimal("4.25"))), new BigDecimal("8.50")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CONFIRMED".equals(http.get("/orders/" + orderId).json().get("status").asString()));
        return orderId;
    }
}
