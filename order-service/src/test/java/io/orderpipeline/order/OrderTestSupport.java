package io.orderpipeline.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.messaging.Message;

import static org.awaitility.Awaitility.await;

/** Reads what the outbox relay published on the test binder. */
final class OrderTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OrderTestSupport() {
    }

    static JsonNode nextEvent(OutputDestination output, String destination) {
        Message<byte[]> message = await().atMost(Duration.ofSeconds(10))
                .until(() -> output.receive(50, destination), m -> m != null);
        return JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
    }
}
