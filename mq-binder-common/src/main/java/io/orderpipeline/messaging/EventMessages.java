package io.orderpipeline.messaging;

import java.util.UUID;

import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.EventHeaders;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Builds the message of an event, the one place that sets the contract's headers ({@link EventHeaders}): the
 * event type (the record's simple name), the event id, the partition key and the correlation id (both the order
 * id), and the content type {@code application/json}. Used by the outbox relay for stored events and by the
 * inbox's processors for their answers.
 */
public final class EventMessages {

    private EventMessages() {
    }

    /**
     * @param event an event; its payload is serialized by the binding (content type {@code application/json})
     * @param <T>   the event type
     * @return the message with the contract's headers
     */
    public static <T extends DomainEvent> Message<T> of(T event) {
        return withHeaders(MessageBuilder.withPayload(event), event.getClass().getSimpleName(), event.eventId(),
                event.orderId()).build();
    }

    /**
     * @param json      the event as JSON (UTF-8)
     * @param eventType the event record's simple name, e.g. {@code OrderPlaced}
     * @param eventId   the event's id
     * @param orderId   its order: partition key and correlation id
     * @return a builder of the message with the contract's headers, for headers of the sender's own
     */
    public static MessageBuilder<byte[]> of(byte[] json, String eventType, UUID eventId, String orderId) {
        return withHeaders(MessageBuilder.withPayload(json), eventType, eventId, orderId);
    }

    private static <T> MessageBuilder<T> withHeaders(MessageBuilder<T> builder, String eventType, UUID eventId,
            String orderId) {
        return builder.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(EventHeaders.EVENT_TYPE, eventType)
                .setHeader(EventHeaders.EVENT_ID, eventId.toString())
                .setHeader(EventHeaders.PARTITION_KEY, orderId)
                .setHeader(EventHeaders.CORRELATION_ID, orderId);
    }
}
