package io.orderpipeline.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import static org.awaitility.Awaitility.await;

/** Reads what the outbox relay published on the test binder, and empties the order tables. */
final class OrderTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OrderTestSupport() {
    }

    static JsonNode nextEvent(OutputDestination output, String destination) {
        Message<byte[]> message = await().atMost(Duration.ofSeconds(10))
                .until(() -> output.receive(50, destination), m -> m != null);
        return JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    /** Deletes every order, line, outbox row and idempotency key. */
    static void deleteAllOrders(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM idempotency_key");
        jdbc.update("DELETE FROM order_line");
        jdbc.update("DELETE FROM orders");
        jdbc.update("DELETE FROM outbox");
    }
}
