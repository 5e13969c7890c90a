package io.orderpipeline.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.PaymentDue;
import io.orderpipeline.messaging.testing.MutableClock;
import io.orderpipeline.order.lifecycle.OrderDecisions;
import io.orderpipeline.order.lifecycle.OrderPayments;
import io.orderpipeline.order.lifecycle.OrderPlacement;
import io.orderpipeline.order.lifecycle.OrderStateConflictException;
import io.orderpipeline.order.lifecycle.OrderStatus;
import io.orderpipeline.order.lifecycle.PricedItem;
import io.orderpipeline.order.lifecycle.RejectionReason;
import io.orderpipeline.order.lifecycle.NewOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static io.orderpipeline.order.OrderTestSupport.nextEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The payment window over HTTP and the test binder, on a clock the test moves: payment, cancellation, the timer and
 * the sweep. A 10-minute window; every order is confirmed at total 20.00.
 *
 * <p>The test is the broker's delay: the timer binding reads {@value #TIMERS}, where only the test delivers, when it
 * chooses (the test binder would otherwise hand the timers the outbox publishes on {@code payments.due} straight back
 * to the binding, at once).
 */
@SpringBootTest(properties = {"pipeline.payment.timeout=10m", "pipeline.payment.sweep-grace=1m",
        "spring.cloud.stream.bindings.expirePayment-in-0.destination=" + OrderPaymentTests.TIMERS})
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class OrderPaymentTests {

    static final String TIMERS = "payments.due.delivered-by-test";

    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    InputDestination input;
    @Autowired
    OutputDestination output;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MutableClock clock;
    @Autowired
    OrderPlacement placement;
    @Autowired
    OrderDecisions decisions;
    @Autowired
    OrderPayments payments;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void reset() {
        clock.set(START);
        output.clear();
    }

    @AfterEach
    void drain() {
        output.clear();
    }

    @Test
    void confirmationOpensThePaymentWindowAndSchedulesItsTimer() throws Exception {
        String orderId = confirmedOrder();

        JsonNode due = nextPaymentDue(orderId);
        assertThat(Instant.parse(due.get("dueAt").asString())).isEqualTo(START.plus(WINDOW));
        mvc.perform(get("/orders/" + orderId))
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.paymentDueAt").value("2026-12-03T12:10:00Z"))
                .andExpect(jsonPath("$.paidAt").doesNotExist())
                .andExpect(jsonPath("$.cancelledAt").doesNotExist())
                .andExpect(jsonPath("$.cancellationReason").doesNotExist());
    }

    @Test
    void paysAConfirmedOrderOnceAndAnswersTheSameForTheSamePaymentAgain() throws Exception {
        String orderId = confirmedOrder();
        clock.advance(Duration.ofMinutes(3));

        pay(orderId, "20.00").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.paidAt").value("2026-12-03T12:03:00Z"))
                .andExpect(jsonPath("$.total").value("20.00"));
        JsonNode paid = nextEvent(output, Destinations.ORDERS_PAID);
        assertThat(paid.get("orderId").asString()).isEqualTo(orderId);
        assertThat(paid.get("amount").decimalValue()).isEqualByComparingTo("20.00");
        // 0: not judged against the confirmation by the inbox's sequence check (sms-service sends both)
        assertThat(paid.get("sequence").asLong()).isZero();

        clock.advance(Duration.ofMinutes(1));
        pay(orderId, "20.0").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.paidAt").value("2026-12-03T12:03:00Z"));
        assertThat(output.receive(300, Destinations.ORDERS_PAID)).as("no second OrderPaid").isNull();
    }

    @Test
    void refusesAPaymentOfAnotherAmountWith422AndChangesNothing() throws Exception {
        String orderId = confirmedOrder();

        pay(orderId, "19.99").andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Payment of 19.99 for order " + orderId
                        + " does not equal its total 20.00"));
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void refusesAPaymentOfAPendingRejectedOrCancelledOrderWith409AndOfAnUnknownOneWith404() throws Exception {
        String pending = placement.place(new NewOrder("c-p", List.of(new NewOrder.Item("SKU-0001", 2))), null)
                .order().getId();
        String rejected = placement.place(new NewOrder("c-p", List.of(new NewOrder.Item("SKU-0001", 2))), null)
                .order().getId();
        decisions.reject(rejected, RejectionReason.OUT_OF_STOCK);
        String cancelled = confirmedOrder();
        payments.cancel(cancelled);

        pay(pending, "20.00").andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.orderStatus").value("PENDING"));
        pay(rejected, "20.00").andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("REJECTED"));
        pay(cancelled, "20.00").andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("CANCELLED"));
        pay("no-such-order", "20.00").andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesAMalformedPaymentWith400ProblemDetails() throws Exception {
        String orderId = confirmedOrder();

        for (String body : List.of("{\"amount\":\"20.001\"}", "{\"amount\":20.00}", "{}", "{\"amount\":\"-1\"}",
                "{\"amount\":\"20.00\",\"extra\":1}")) {
            mvc.perform(post("/orders/" + orderId + "/payment").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void refusesAPaymentAfterThePaymentDueTimeEvenBeforeTheTimerCame() throws Exception {
        String orderId = confirmedOrder();
        clock.set(START.plus(WINDOW));

        pay(orderId, "20.00").andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("CONFIRMED"));
        assertThat(output.receive(300, Destinations.ORDERS_PAID)).isNull();
    }

    @Test
    void cancelsAConfirmedOrderForTheCustomerOnceAndAnswersTheSameAgain() throws Exception {
        String orderId = confirmedOrder();
        clock.advance(Duration.ofMinutes(2));

        cancel(orderId).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("CUSTOMER"))
                .andExpect(jsonPath("$.cancelledAt").value("2026-12-03T12:02:00Z"))
                .andExpect(jsonPath("$.paidAt").doesNotExist());
        JsonNode cancelled = nextEvent(output, Destinations.ORDERS_CANCELLED);
        assertThat(cancelled.get("orderId").asString()).isEqualTo(orderId);
        assertThat(cancelled.get("reason").asString()).isEqualTo("CUSTOMER");
        assertThat(cancelled.get("total").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(cancelled.get("sequence").asLong()).isEqualTo(4);

        cancel(orderId).andExpect(status().isOk()).andExpect(jsonPath("$.cancelledAt").value("2026-12-03T12:02:00Z"));
        assertThat(output.receive(300, Destinations.ORDERS_CANCELLED)).as("no second OrderCancelled").isNull();
    }

    @Test
    void refusesToCancelAPaidRejectedOrPendingOrderWith409AndAnUnknownOneWith404() throws Exception {
        String paid = confirmedOrder();
        payments.pay(paid, new BigDecimal("20.00"));
        String rejected = placement.place(new NewOrder("c-r", List.of(new NewOrder.Item("SKU-0001", 2))), null)
                .order().getId();
        decisions.reject(rejected, RejectionReason.UNKNOWN_SKU);
        String pending = placement.place(new NewOrder("c-r", List.of(new NewOrder.Item("SKU-0001", 2))), null)
                .order().getId();

        cancel(paid).andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("PAID"));
        cancel(rejected).andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("REJECTED"));
        cancel(pending).andExpect(status().isConflict()).andExpect(jsonPath("$.orderStatus").value("PENDING"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        cancel("no-such-order").andExpect(status().isNotFound());
    }

    @Test
    void anEarlyTimerChangesNothingAndTheSameTimerCancelsOnceItIsDue() throws Exception {
        String orderId = confirmedOrder();
        PaymentDue timer = new PaymentDue(UUID.randomUUID(), START, orderId, START.plus(WINDOW));
        clock.set(START.plus(WINDOW).minusSeconds(1));

        deliver(timer);

        assertThat(output.receive(500, Destinations.ORDERS_CANCELLED)).as("early: not cancelled").isNull();
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("CONFIRMED"));

        clock.set(START.plus(WINDOW));
        deliver(timer);

        JsonNode cancelled = nextEvent(output, Destinations.ORDERS_CANCELLED);
        assertThat(cancelled.get("reason").asString()).isEqualTo("PAYMENT_TIMEOUT");
        mvc.perform(get("/orders/" + orderId))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("PAYMENT_TIMEOUT"))
                .andExpect(jsonPath("$.cancelledAt").value("2026-12-03T12:10:00Z"));

        deliver(timer);
        deliver(new PaymentDue(UUID.randomUUID(), START, orderId, START.plus(WINDOW)));
        assertThat(output.receive(500, Destinations.ORDERS_CANCELLED)).as("duplicate or second timer").isNull();
    }

    @Test
    void aTimerForAPaidOrderChangesNothing() throws Exception {
        String orderId = confirmedOrder();
        payments.pay(orderId, new BigDecimal("20.00"));
        clock.advance(WINDOW.plusMinutes(5));

        deliver(new PaymentDue(UUID.randomUUID(), START, orderId, START.plus(WINDOW)));
        deliver(new PaymentDue(UUID.randomUUID(), START, "no-such-order", START.plus(WINDOW)));

        assertThat(output.receive(500, Destinations.ORDERS_CANCELLED)).isNull();
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("PAID"));
    }

    @Test
    void atTheDeadlineThePaymentIsLateAndTheTimeoutWins() {
        String orderId = confirmedOrder();
        clock.set(START.plus(WINDOW));

        assertThat(payments.expire(orderId)).isInstanceOf(OrderPayments.Expiry.Cancelled.class);
        assertThat(placement.find(orderId).getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.expire(orderId)).isInstanceOf(OrderPayments.Expiry.Settled.class);
    }

    @Test
    void aPaymentAndACancellationRacingEndInExactlyOneOutcomeWithOneEvent() throws Exception {
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orderIds.add(confirmedOrder());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String orderId : orderIds) {
                Callable<Object> pay = () -> attempt(() -> payments.pay(orderId, new BigDecimal("20.00")));
                Callable<Object> cancel = () -> attempt(() -> payments.cancel(orderId));
                List<Future<Object>> both = pool.invokeAll(List.of(pay, cancel));
                long refused = both.stream().filter(f -> result(f) instanceof OrderStateConflictException).count();
                assertThat(refused).as("the loser of %s is refused", orderId).isEqualTo(1);
                assertThat(placement.find(orderId).getStatus()).isIn(OrderStatus.PAID, OrderStatus.CANCELLED);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE partition_key = ? AND destination IN "
                        + "(?, ?)", Integer.class, orderId, Destinations.ORDERS_PAID, Destinations.ORDERS_CANCELLED))
                        .as("one settling event for %s", orderId).isEqualTo(1);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSweepCancelsOrdersOverdueByMoreThanTheGraceAndCountsThem() {
        OrderTestSupport.deleteAllOrders(jdbc);
        String overdue = confirmedOrder();
        clock.advance(Duration.ofMinutes(2));
        String recent = confirmedOrder();
        double before = swept();

        clock.set(START.plus(WINDOW).plus(Duration.ofMinutes(1)).plusSeconds(30));
        int cancelled = payments.sweep();

        assertThat(cancelled).isEqualTo(1);
        assertThat(swept()).isEqualTo(before + 1);
        assertThat(placement.find(overdue).getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(placement.find(overdue).getCancellationReason().name()).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(placement.find(recent).getStatus()).as("overdue by less than the grace").isEqualTo(OrderStatus.CONFIRMED);
        assertThat(payments.sweep()).isZero();
    }

    private double swept() {
        return meters.get(OrderPayments.SWEPT_METRIC).counter().count();
    }

    private static Object attempt(Runnable change) {
        try {
            change.run();
            return "done";
        }
        catch (RuntimeException e) {
            return e;
        }
    }

    private static Object result(Future<Object> future) {
        try {
            return future.get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An order placed and confirmed now (by the clock), 2 × 10.00 = 20.00; its timer is left on the output. */
    private String confirmedOrder() {
        String orderId = placement.place(new NewOrder("c-pay", List.of(new NewOrder.Item("SKU-0001", 2))), null)
                .order().getId();
        decisions.confirm(orderId, List.of(new PricedItem("SKU-0001", 2, new BigDecimal("10.00"))),
                new BigDecimal("20.00"));
        return orderId;
    }

    private JsonNode nextPaymentDue(String orderId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> nextEvent(output, Destinations.PAYMENTS_DUE),
                due -> due.get("orderId").asString().equals(orderId));
    }

    /** Delivers a timer on the test binder, which applies it in this thread before returning. */
    private void deliver(PaymentDue timer) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(timer))
                .setHeader(EventHeaders.PARTITION_KEY, timer.orderId())
                .setHeader("contentType", "application/json")
                .build(), TIMERS);
    }

    private ResultActions pay(String orderId, String amount) throws Exception {
        return mvc.perform(post("/orders/" + orderId + "/payment").contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"" + amount + "\"}"));
    }

    private ResultActions cancel(String orderId) throws Exception {
        return mvc.perform(post("/orders/" + orderId + "/cancellation"));
    }
}
