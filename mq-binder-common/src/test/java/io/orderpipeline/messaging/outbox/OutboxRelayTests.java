package io.orderpipeline.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = {
        "spring.application.name=outbox-test",
        "spring.datasource.url=jdbc:h2:mem:outbox;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox,classpath:db/outbox",
        "spring.cloud.stream.default-binder=integration",
        "spring.cloud.stream.output-bindings=orderPlaced-out-0",
        "spring.cloud.stream.bindings.orderPlaced-out-0.destination=" + Destinations.ORDERS_PLACED,
        "spring.cloud.stream.function.autodetect=false",
        "pipeline.outbox.enabled=true",
        "pipeline.outbox.poll-interval=50ms"})
@EnableTestBinder
class OutboxRelayTests {

    @SpringBootApplication
    static class TestApp {
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutputDestination output;

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM outbox");
        jdbc.update("DELETE FROM processed_message");
        output.clear();
    }

    @Test
    void resendPublishesASentEventAgainWithItsOriginalIdAndOnlyThatEventType() {
        // Given an order's event, published and marked sent
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), "order-r",
                "c-1", List.of(new OrderLine("SKU-0001", 1)));
        tx.executeWithoutResult(status -> outbox.append(Destinations.ORDERS_PLACED, event));
        await().until(() -> output.receive(100, Destinations.ORDERS_PLACED), m -> m != null);
        await().until(() -> relay.backlog() == 0);

        // When it is resent, and an event type the order has no row of is resent
        int marked = tx.execute(status -> outbox.resend("order-r", "OrderPlaced"));
        int none = tx.execute(status -> outbox.resend("order-r", "OrderConfirmed"));

        // Then its one row goes out again with the same event id, and nothing else does
        assertThat(marked).isOne();
        assertThat(none).isZero();
        Message<byte[]> again = await().until(() -> output.receive(100, Destinations.ORDERS_PLACED), m -> m != null);
        assertThat(again.getHeaders().get(EventHeaders.EVENT_ID)).isEqualTo(event.eventId().toString());
        await().until(() -> relay.backlog() == 0);
    }

    @Test
    void relaysCommittedEventWithContractHeadersAndMarksItSent() {
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), "order-1",
                "c-1", List.of(new OrderLine("SKU-0001", 2)));

        tx.executeWithoutResult(status -> outbox.append(Destinations.ORDERS_PLACED, event));

        Message<byte[]> sent = await().until(() -> output.receive(100, Destinations.ORDERS_PLACED), m -> m != null);
        assertThat(sent.getHeaders().get(EventHeaders.EVENT_ID)).isEqualTo(event.eventId().toString());
        assertThat(sent.getHeaders().get(EventHeaders.EVENT_TYPE)).isEqualTo("OrderPlaced");
        assertThat(sent.getHeaders().get(EventHeaders.PARTITION_KEY)).isEqualTo("order-1");
        assertThat(new String(sent.getPayload(), StandardCharsets.UTF_8))
                .contains("\"orderId\":\"order-1\"", "\"sku\":\"SKU-0001\"", "\"quantity\":2");
        await().until(() -> relay.backlog() == 0);
    }

    @Test
    void rolledBackTransactionLeavesNothingToRelay() {
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.now(), "order-2", "c-1",
                List.of(new OrderLine("SKU-0001", 1)));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            outbox.append(Destinations.ORDERS_PLACED, event);
            throw new IllegalStateException("business rule failed after the append");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Long.class)).isZero();
        assertThat(output.receive(200, Destinations.ORDERS_PLACED)).isNull();
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.now(), "order-3", "c-1", List.of());
        assertThatThrownBy(() -> outbox.append(Destinations.ORDERS_PLACED, event))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }
}
