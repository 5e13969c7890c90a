package io.orderpipeline.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderpipeline.messaging.EventMessages;
import io.orderpipeline.messaging.tracing.MessageTracing;

import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends outbox records through Spring Cloud Stream's {@link StreamBridge}, to the output binding whose
 * destination is the record's destination (so the binding's partitioning and broker settings apply),
 * or to a binding named after the destination when none is declared.
 *
 * <p>Each send runs in an {@value #PUBLISH_SPAN} span (PRODUCER) that continues the trace context stored with the
 * row, when tracing is on ({@link #setTracing}): the binder's producer observation is then its child, and the
 * message's {@code traceparent} header carries the trace of the request that appended the row.
 */
abstract class StreamBridgeOutboxPublisher implements OutboxPublisher {

    protected final StreamBridge streamBridge;
    private final BindingServiceProperties bindings;
    /** The name of the span around one record's send. */
    static final String PUBLISH_SPAN = "outbox publish";

    private final Map<String, String> bindingByDestination = new ConcurrentHashMap<>();
    private volatile MessageTracing tracing = MessageTracing.NOOP;

    StreamBridgeOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings) {
        this.streamBridge = streamBridge;
        this.bindings = bindings;
    }

    /** @param tracing continues each row's stored trace context when it is sent; {@link MessageTracing#NOOP} by default */
    public void setTracing(MessageTracing tracing) {
        this.tracing = tracing;
    }

    /**
     * Sends one record's message to its destination's binding, in a span continuing the row's trace.
     *
     * @return what {@link StreamBridge#send(String, Object)} returned
     */
    protected boolean send(OutboxRecord record, Message<?> message) {
        MessageTracing.StoredContext stored = record.traceParent() == null ? null
                : new MessageTracing.StoredContext(record.traceParent(), record.traceState());
        return tracing.publishing(stored, PUBLISH_SPAN,
                () -> streamBridge.send(bindingFor(record.destination()), message));
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
