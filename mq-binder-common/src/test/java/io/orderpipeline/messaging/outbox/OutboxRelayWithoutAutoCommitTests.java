package io.orderpipeline.messaging.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay with a pool that hands out connections with auto-commit off (the MySQL profile's setting): a write
 * outside a transaction would be rolled back when its connection goes back to the pool, and the row sent again
 * and again.
 */
@SpringBootTest(properties = {
        "spring.application.name=outbox-autocommit-off-test",
        "spring.datasource.url=jdbc:h2:mem:outbox-autocommit-off;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.datasource.hikari.auto-commit=false",
        "spring.flyway.locations=classpath:db/inbox,classpath:db/outbox",
        "spring.cloud.stream.default-binder=integration",
        "spring.cloud.stream.output-bindings=orderPlaced-out-0",
        "spring.cloud.stream.bindings.orderPlaced-out-0.destination=" + Destinations.ORDERS_PLACED,
        "spring.cloud.stream.function.autodetect=false",
        "pipeline.outbox.enabled=true",
        "pipeline.outbox.poll-interval=50ms"})
@EnableTestBinder
class OutboxRelayWithoutAutoCommitTests {

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
    OutputDestination output;

    @Test
    void relayedRowStaysMarkedSentAndIsSentOnce() {
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.parse("2026-11-22T10:00:00Z"), "order-ac",
                "c-1", List.of(new OrderLine("SKU-0001", 1)));

        tx.executeWithoutResult(status -> outbox.append(Destinations.ORDERS_PLACED, event));

        Message<byte[]> sent = await().until(() -> output.receive(100, Destinations.ORDERS_PLACED), m -> m != null);
        assertThat(sent.getHeaders().get(EventHeaders.EVENT_ID)).isEqualTo(event.eventId().toString());
        await().until(() -> relay.backlog() == 0);
        // several poll rounds (50 ms each) later the row is still marked sent and nothing was sent again
        assertThat(output.receive(500, Destinations.ORDERS_PLACED)).isNull();
        assertThat(relay.backlog()).isZero();
    }
}
