package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A timer, not a fact: the payment window of a CONFIRMED order closes at {@code dueAt}. order-service records it at
 * confirmation and receives it back from the broker no earlier than {@code dueAt} (RabbitMQ: a wait queue with a
 * queue-level TTL dead-letters it; Kafka: the consumer holds the record until it is due). Receiving it cancels the
 * order only if the database still has it CONFIRMED and overdue, so an early, late or repeated timer is harmless.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the order was confirmed (the window opened)
 * @param orderId    the order id
 * @param dueAt      when the window closes: {@code occurredAt} + {@code pipeline.payment.timeout}
 * @param sequence   always {@link DomainEvent#UNKNOWN_SEQUENCE}: a timer is neither in nor out of order with the
 *                   order's events, so the inbox's per-order sequence check does not judge it
 */
public record PaymentDue(UUID eventId, Instant occurredAt, String orderId, Instant dueAt,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence)
        implements DomainEvent {

    /** A timer for an order's payment window. */
    public PaymentDue(UUID eventId, Instant occurredAt, String orderId, Instant dueAt) {
        this(eventId, occurredAt, orderId, dueAt, DomainEvent.UNKNOWN_SEQUENCE);
    }
}
