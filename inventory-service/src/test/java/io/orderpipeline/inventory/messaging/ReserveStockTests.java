package io.orderpipeline.inventory.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.inventory.stock.StockCatalog;
import io.orderpipeline.inventory.stock.StockLevel;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.PricedLine;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.StockResult;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ReserveStockTests {

    @Autowired
    InputDestination input;
    @Autowired
    OutputDestination output;
    @Autowired
    StockCatalog catalog;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Function<Message<?>, Message<StockResult>> reserveStock;
    @Autowired
    MeterRegistry meters;

    private String apple;
    private String pear;

    @BeforeEach
    void givenACatalog() {
        output.clear();
        apple = newSku();
        pear = newSku();
        catalog.put(apple, 10, new BigDecimal("1.25"));
        catalog.put(pear, 3, new BigDecimal("12.50"));
    }

    @Test
    void reservesEveryLineAndAnswersWithPricedLinesAndTotal() {
        OrderPlaced order = order(new OrderLine(pear, 2), new OrderLine(apple, 3), new OrderLine(pear, 1));

        send(order);

        Message<byte[]> answer = receive();
        StockReserved reserved = (StockReserved) read(answer);
        assertThat(reserved.orderId()).isEqualTo(order.orderId());
        assertThat(reserved.lines()).containsExactly(
                new PricedLine(pear, 2, new BigDecimal("12.50")),
                new PricedLine(apple, 3, new BigDecimal("1.25")),
                new PricedLine(pear, 1, new BigDecimal("12.50")));
        assertThat(reserved.total()).isEqualByComparingTo("41.25");
        assertThat(new String(answer.getPayload(), StandardCharsets.UTF_8))
                .contains("\"type\":\"StockReserved\"", "\"total\":41.25");
        assertThat(answer.getHeaders())
                .containsEntry(EventHeaders.EVENT_TYPE, "StockReserved")
                .containsEntry(EventHeaders.EVENT_ID, reserved.eventId().toString())
                .containsEntry(EventHeaders.PARTITION_KEY, order.orderId())
                .containsEntry(EventHeaders.CORRELATION_ID, order.orderId());
        assertThat(reserved.eventId()).isNotEqualTo(order.eventId());
        assertThat(catalog.find(pear)).contains(new StockLevel(pear, 0, 3, new BigDecimal("12.50")));
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 7, 3, new BigDecimal("1.25")));
    }

    @Test
    void rejectsAnUnknownSkuAndLeavesStockUntouched() {
        String unknown = newSku();
        OrderPlaced order = order(new OrderLine(apple, 1), new OrderLine(pear, 99), new OrderLine(unknown, 1));

        send(order);

        Message<byte[]> answer = receive();
        StockRejected rejected = (StockRejected) read(answer);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_SKU);
        assertThat(rejected.sku()).isEqualTo(unknown);
        assertThat(rejected.orderId()).isEqualTo(order.orderId());
        assertThat(answer.getHeaders()).containsEntry(EventHeaders.EVENT_TYPE, "StockRejected");
        assertUntouched();
    }

    @Test
    void rejectsAShortLineAndReservesNoneOfTheOthers() {
        send(order(new OrderLine(apple, 4), new OrderLine(pear, 4)));

        StockRejected rejected = (StockRejected) read(receive());
        assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(rejected.sku()).isEqualTo(pear);
        assertUntouched();
    }

    @Test
    void reservesOnceAndAnswersTheSameResultWhenTheSameOrderPlacedIsDeliveredTwice() {
        OrderPlaced order = order(new OrderLine(apple, 4));

        send(order);
        Message<byte[]> first = receive();
        send(order);
        Message<byte[]> second = receive();

        assertThat(read(second)).isEqualTo(read(first));
        assertThat(second.getPayload()).isEqualTo(first.getPayload());
        assertThat(second.getHeaders().get(EventHeaders.EVENT_ID)).isEqualTo(first.getHeaders().get(EventHeaders.EVENT_ID));
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 6, 4, new BigDecimal("1.25")));
    }

    @Test
    void answersAnotherOrderPlacedOfTheSameOrderWithTheStoredDecision() {
        OrderPlaced order = order(new OrderLine(apple, 4));
        OrderPlaced again = new OrderPlaced(UUID.randomUUID(), Instant.now(), order.orderId(), "c-1",
                List.of(new OrderLine(apple, 5)));

        send(order);
        StockResult first = read(receive());
        send(again);

        assertThat(read(receive())).isEqualTo(first);
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 6, 4, new BigDecimal("1.25")));
    }

    @Test
    void replaysTheStoredAnswerForAStaleRequestAndCountsIt() {
        OrderPlaced placed = order(new OrderLine(apple, 4));
        OrderPlaced first = new OrderPlaced(placed.eventId(), placed.occurredAt(), placed.orderId(), "c-1",
                placed.items(), 1);
        OrderPlaced reordered = new OrderPlaced(UUID.randomUUID(), Instant.now(), placed.orderId(), "c-1",
                List.of(new OrderLine(apple, 5)), 1);
        double staleBefore = meters.counter(OutOfOrderEvents.METRIC, "group", "inventory-service").count();

        send(first);
        Message<byte[]> answer = receive();
        send(reordered);
        Message<byte[]> replayed = receive();

        assertThat(replayed.getPayload()).isEqualTo(answer.getPayload());
        assertThat(replayed.getHeaders().get(EventHeaders.EVENT_ID)).isEqualTo(answer.getHeaders().get(EventHeaders.EVENT_ID));
        assertThat(meters.counter(OutOfOrderEvents.METRIC, "group", "inventory-service").count() - staleBefore)
                .isEqualTo(1);
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 6, 4, new BigDecimal("1.25")));
    }

    @Test
    void refusesAnOrderThatCanNeverBeApplied() {
        String orderId = UUID.randomUUID().toString();
        List<OrderPlaced> invalid = List.of(
                new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, "c-1", List.of()),
                new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, "c-1", null),
                new OrderPlaced(UUID.randomUUID(), Instant.now(), null, "c-1", List.of(new OrderLine(apple, 1))),
                new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, "c-1",
                        List.of(new OrderLine(apple, 1), new OrderLine(pear, 0))));

        for (OrderPlaced order : invalid) {
            assertThatThrownBy(() -> reserveStock.apply(MessageBuilder.withPayload(order).build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertUntouched();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_decision WHERE order_id = ?", Long.class, orderId))
                .isZero();
    }

    @Test
    void theDemoCatalogIsPresent() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_item WHERE sku LIKE 'SKU-%'", Long.class))
                .isEqualTo(100);
        assertThat(catalog.find("SKU-0001")).get().extracting(StockLevel::unitPrice).isEqualTo(new BigDecimal("10.00"));
        assertThat(catalog.find("SKU-0100")).contains(new StockLevel("SKU-0100", 1000, 0, new BigDecimal("59.50")));
    }

    private void assertUntouched() {
        assertThat(catalog.find(apple)).contains(new StockLevel(apple, 10, 0, new BigDecimal("1.25")));
        assertThat(catalog.find(pear)).contains(new StockLevel(pear, 3, 0, new BigDecimal("12.50")));
    }

    @Test
    void answersWithTheRequestsSequencePlusOneOrUnknownWithout() {
        OrderPlaced placed = order(new OrderLine(apple, 1));
        OrderPlaced withSequence = new OrderPlaced(placed.eventId(), placed.occurredAt(), placed.orderId(),
                placed.customerId(), placed.items(), 1);

        send(withSequence);
        assertThat(read(receive()).sequence()).isEqualTo(2);

        send(order(new OrderLine(apple, 1)));
        assertThat(read(receive()).sequence()).isZero();
    }

    private void send(OrderPlaced order) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(order))
                .setHeader(EventHeaders.EVENT_ID, order.eventId().toString())
                .setHeader(EventHeaders.EVENT_TYPE, "OrderPlaced")
                .setHeader(EventHeaders.PARTITION_KEY, order.orderId())
                .build(), Destinations.ORDERS_PLACED);
    }

    private Message<byte[]> receive() {
        return await().until(() -> output.receive(100, Destinations.STOCK_CHECKED), message -> message != null);
    }

    private StockResult read(Message<byte[]> message) {
        return json.readValue(message.getPayload(), StockResult.class);
    }

    private static OrderPlaced order(OrderLine... lines) {
        return new OrderPlaced(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), UUID.randomUUID().toString(),
                "c-1", List.of(lines));
    }

    private static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
