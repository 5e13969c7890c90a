package io.orderpipeline.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.PricedLine;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.StockResult;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.http.MediaType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static io.orderpipeline.order.OrderTestSupport.nextEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The order's life over HTTP and the test binder: placed, answered by inventory, decided, announced. */
@SpringBootTest
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class OrderFlowTests {

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

    @BeforeEach
    void drain() {
        output.clear();
    }

    @Test
    void placedOrderIsAcceptedAtOnceAndAnnouncedThroughTheOutbox() throws Exception {
        String orderId = place("c-1", "SKU-0001", 2);

        JsonNode placed = nextEvent(output, Destinations.ORDERS_PLACED);
        assertThat(placed.get("orderId").asString()).isEqualTo(orderId);
        assertThat(placed.get("customerId").asString()).isEqualTo("c-1");
        assertThat(placed.get("items").get(0).get("sku").asString()).isEqualTo("SKU-0001");
        assertThat(placed.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(placed.get("eventId").asString()).isNotBlank();
        mvc.perform(get("/orders/" + orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.total").doesNotExist())
                .andExpect(jsonPath("$.items[0].unitPrice").doesNotExist());
    }

    @Test
    void stockReservedConfirmsTheOrderWithPricesAndAnnouncesIt() throws Exception {
        String orderId = place("c-2", "SKU-0003", 3);
        nextEvent(output, Destinations.ORDERS_PLACED);

        answer(new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                List.of(new PricedLine("SKU-0003", 3, new BigDecimal("11.00"))), new BigDecimal("33.00")));

        JsonNode confirmed = nextEvent(output, Destinations.ORDERS_CONFIRMED);
        assertThat(confirmed.get("orderId").asString()).isEqualTo(orderId);
        assertThat(confirmed.get("customerId").asString()).isEqualTo("c-2");
        assertThat(confirmed.get("total").decimalValue()).isEqualByComparingTo("33.00");
        mvc.perform(get("/orders/" + orderId))
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.total").value("33.00"))
                .andExpect(jsonPath("$.items[0].unitPrice").value("11.00"))
                .andExpect(jsonPath("$.rejectionReason").doesNotExist());
    }

    @Test
    void stockRejectedRejectsTheOrderWithItsReason() throws Exception {
        String orderId = place("c-3", "SKU-9999", 1);
        nextEvent(output, Destinations.ORDERS_PLACED);

        answer(new StockRejected(UUID.randomUUID(), Instant.now(), orderId, RejectionReason.UNKNOWN_SKU, "SKU-9999"));

        JsonNode rejected = nextEvent(output, Destinations.ORDERS_REJECTED);
        assertThat(rejected.get("reason").asString()).isEqualTo("UNKNOWN_SKU");
        mvc.perform(get("/orders/" + orderId))
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.rejectionReason").value("UNKNOWN_SKU"))
                .andExpect(jsonPath("$.total").doesNotExist());
    }

    @Test
    void confirmsOnceForDuplicateDelivery() throws Exception {
        String orderId = place("c-4", "SKU-0001", 1);
        nextEvent(output, Destinations.ORDERS_PLACED);
        StockReserved reserved = new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                List.of(new PricedLine("SKU-0001", 1, new BigDecimal("10.00"))), new BigDecimal("10.00"));

        answer(reserved);
        answer(reserved);

        nextEvent(output, Destinations.ORDERS_CONFIRMED);
        assertThat(output.receive(500, Destinations.ORDERS_CONFIRMED)).isNull();
    }

    @Test
    void aLateSecondAnswerDoesNotChangeADecidedOrder() throws Exception {
        String orderId = place("c-5", "SKU-0001", 1);
        nextEvent(output, Destinations.ORDERS_PLACED);
        answer(new StockRejected(UUID.randomUUID(), Instant.now(), orderId, RejectionReason.OUT_OF_STOCK, "SKU-0001"));
        nextEvent(output, Destinations.ORDERS_REJECTED);

        answer(new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                List.of(new PricedLine("SKU-0001", 1, new BigDecimal("10.00"))), new BigDecimal("10.00")));

        assertThat(output.receive(500, Destinations.ORDERS_CONFIRMED)).isNull();
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("REJECTED"));
    }

    @Test
    void eventsCarryTheOrdersSequenceAndALateAnswerIsSkippedAndCountedAsOutOfOrder() throws Exception {
        double before = outOfOrderCount();
        String orderId = place("c-6", "SKU-0001", 1);
        assertThat(nextEvent(output, Destinations.ORDERS_PLACED).get("sequence").asLong()).isEqualTo(1);

        answer(new StockReserved(UUID.randomUUID(), Instant.now(), orderId,
                List.of(new PricedLine("SKU-0001", 1, new BigDecimal("10.00"))), new BigDecimal("10.00"), 2));
        assertThat(nextEvent(output, Destinations.ORDERS_CONFIRMED).get("sequence").asLong()).isEqualTo(3);
        assertThat(outOfOrderCount()).isEqualTo(before);

        answer(new StockRejected(UUID.randomUUID(), Instant.now(), orderId, RejectionReason.OUT_OF_STOCK, "SKU-0001", 2));
        await().untilAsserted(() -> assertThat(outOfOrderCount()).isEqualTo(before + 1));
        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void answersWithoutASequenceAreNeitherInNorOutOfOrder() throws Exception {
        double before = outOfOrderCount();
        String orderId = place("c-7", "SKU-0001", 1);
        nextEvent(output, Destinations.ORDERS_PLACED);

        answer(new StockRejected(UUID.randomUUID(), Instant.now(), orderId, RejectionReason.OUT_OF_STOCK, "SKU-0001"));
        // the outcome takes its position from the order (placed 1, decided 3), not from the answer
        assertThat(nextEvent(output, Destinations.ORDERS_REJECTED).get("sequence").asLong()).isEqualTo(3);
        answer(new StockRejected(UUID.randomUUID(), Instant.now(), orderId, RejectionReason.OUT_OF_STOCK, "SKU-0001"));

        mvc.perform(get("/orders/" + orderId)).andExpect(jsonPath("$.status").value("REJECTED"));
        assertThat(outOfOrderCount()).isEqualTo(before);
    }

    private double outOfOrderCount() {
        Counter counter = meters.find(OutOfOrderEvents.METRIC).tag("group", "order-service").counter();
        return counter == null ? 0 : counter.count();
    }

    private void answer(StockResult result) {
        input.send(MessageBuilder.withPayload(json.writeValueAsBytes(result))
                .setHeader(EventHeaders.PARTITION_KEY, result.orderId())
                .setHeader("contentType", "application/json")
                .build(), Destinations.STOCK_CHECKED);
    }

    private String place(String customerId, String sku, int quantity) throws Exception {
        String location = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"%s\",\"items\":[{\"sku\":\"%s\",\"quantity\":%d}]}"
                                .formatted(customerId, sku, quantity)))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andReturn().getResponse().getHeader("Location");
        String orderId = location.substring("/orders/".length());
        return orderId;
    }
}
