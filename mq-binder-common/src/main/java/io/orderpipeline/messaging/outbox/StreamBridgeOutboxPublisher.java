package io.orderpipeline.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderpipeline.messaging.EventMessages;

import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends outbox records through Spring Cloud Stream's {@link StreamBridge}, to the output binding whose
 * destination is the record's destination (so the binding's partitioning and broker settings apply),
 * or to a binding named after the destination when none is declared.
 */
abstract class StreamBridgeOutboxPublisher implements OutboxPublisher {

    protected final StreamBridge streamBridge;
    private final BindingServiceProperties bindings;
    private final Map<String, String> bindingByDestination = new ConcurrentHashMap<>();

    StreamBridgeOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings) {
        this.streamBridge = streamBridge;
        this.bindings = bindings;
    }

    /** The output binding to send a destination's records to. */
    protected String bindingFor(String destination) {
        return bindingByDestination.computeIfAbsent(destination, d -> bindings.getBindings().entrySet().stream()
                .filter(e -> d.equals(e.getValue().getDestination()) && e.getKey().contains("-out-"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(d));
    }

    /** The message for a record: the JSON payload with the contract's headers. */
    protected MessageBuilder<byte[]> message(OutboxRecord record) {
        return EventMessages.of(record.payload().getBytes(StandardCharsets.UTF_8), record.eventType(), record.eventId(),
                record.partitionKey());
    }
}
