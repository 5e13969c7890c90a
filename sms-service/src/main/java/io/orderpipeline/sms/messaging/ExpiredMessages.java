package io.orderpipeline.sms.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.sms.notification.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Records what RabbitMQ expired in sms-service's partition queues: reads a message from a parking queue
 * ({@code <destination>.sms-service.expired}, see {@code RabbitQueueExpiry} in the library), checks by its
 * {@code x-death} ({@link BrokerExpiry}) that its TTL ran out, and hands the event to the library's inbox, whose
 * effect records the notification {@code EXPIRED} with the broker's reason ({@link Notifier#expiredConfirmed} and
 * the three others), in one transaction with the inbox row {@code (sms-service, eventId)}. So a copy of the event
 * expired twice, or expired once and delivered once, is recorded once; and {@code GET /notifications?since=} answers
 * it as any EXPIRED notification, which the reconciliation reports as {@code SMS_EXPIRED}.
 *
 * <p>Nothing is dropped (see {@link #recover}): a message that cannot be recorded for a reason that may heal (the
 * database) goes back to the parking queue; one that can never be recorded (not an expiry, an unreadable payload, an
 * event without ids) is rejected, and the parking queue dead-letters it into the group's DLQ.
 */
final class ExpiredMessages {

    private static final Logger log = LoggerFactory.getLogger(ExpiredMessages.class);

    private final Map<String, Topology.Destination> destinations = new LinkedHashMap<>();
    private final Duration ttl;
    private final Inbox inbox;
    private final Notifier notifier;

    /**
     * @param group     the consumer group, {@code sms-service}
     * @param ttl       its queues' TTL, for the reason
     * @param inbox     the library's inbox (group {@code sms-service})
     * @param notifier  records the expiry
     */
    ExpiredMessages(String group, Duration ttl, Inbox inbox, Notifier notifier) {
        for (Topology.Subscription subscription : Topology.consumedBy(Topology.Service.byId(group).orElseThrow())) {
            destinations.put(subscription.destination().rabbitExpiredQueue(group), subscription.destination());
        }
        this.ttl = ttl;
        this.inbox = inbox;
        this.notifier = notifier;
    }

    /** @return the parking queues read, one per destination the group consumes */
    List<String> queues() {
        return List.copyOf(destinations.keySet());
    }

    /**
     * Records one parked message.
     *
     * @param message as the listener container delivers it
     * @throws AmqpRejectAndDontRequeueException if it did not expire (no {@code x-death}, or another reason) or came
     *                                           from a queue this does not read
     * @throws RuntimeException                  what the inbox or the notifier throw (a payload that is not the
     *                                           event: {@link MessageConversionException}; missing ids:
     *                                           {@link IllegalArgumentException}; the database)
     */
    void handle(org.springframework.amqp.core.Message message) {
        MessageProperties properties = message.getMessageProperties();
        Topology.Destination destination = destinations.get(properties.getConsumerQueue());
        if (destination == null) {
            throw new AmqpRejectAndDontRequeueException("Not a parking queue of sms-service: "
                    + properties.getConsumerQueue());
        }
        BrokerExpiry death = BrokerExpiry.lastDeath(properties.getHeaders().get("x-death"))
                .orElseThrow(() -> new AmqpRejectAndDontRequeueException("A message in "
                        + properties.getConsumerQueue() + " without x-death: not dead-lettered by the broker"));
        if (!death.expired()) {
            throw new AmqpRejectAndDontRequeueException("Not an expiry: x-death reason " + death.reason() + " in "
                    + death.queue() + ", so no EXPIRED notification; to the DLQ");
        }
        String reason = death.describe(ttl);
        Message<byte[]> event = MessageBuilder.withPayload(message.getBody())
                .copyHeaders(properties.getHeaders())
                .build();
        consumer(destination, reason).accept(event);
    }

    private Consumer<Message<?>> consumer(Topology.Destination destination, String reason) {
        if (destination == Topology.ORDERS_CONFIRMED) {
            return inbox.consumer(OrderConfirmed.class, e -> notifier.expiredConfirmed(e.orderId(), e.customerId(),
                    e.total(), e.occurredAt(), reason));
        }
        if (destination == Topology.ORDERS_REJECTED) {
            return inbox.consumer(OrderRejected.class, e -> notifier.expiredRejected(e.orderId(), e.customerId(),
                    e.reason() == null ? null : e.reason().name(), e.occurredAt(), reason));
        }
        if (destination == Topology.ORDERS_PAID) {
            return inbox.consumer(OrderPaid.class, e -> notifier.expiredPaid(e.orderId(), e.customerId(), e.amount(),
                    e.occurredAt(), reason));
        }
        if (destination == Topology.ORDERS_CANCELLED) {
            return inbox.consumer(OrderCancelled.class, e -> notifier.expiredCancelled(e.orderId(), e.customerId(),
                    e.reason() == null ? null : e.reason().name(), e.occurredAt(), reason));
        }
        if (destination == Topology.CORRECTIONS_ISSUED) {
            // a reconciliation's correction that waited too long: dropped (recorded as processed); its discrepancy
            // is still there, so the next repair issues another one, which is then current
            return inbox.consumer(CorrectionIssued.class, e -> log.warn("Correction {} of order {} expired in the"
                    + " broker ({}), not applied; the next reconciliation issues another", e.eventId(), e.orderId(),
                    reason));
        }
        throw new AmqpRejectAndDontRequeueException("sms-service has no notification for " + destination.name());
    }

    /**
     * The listener's recoverer, once its retries are used up: a failure that cannot heal
     * ({@link #cannotHeal}) rejects the message without requeueing it, so the parking queue dead-letters it into the
     * group's DLQ; any other (the database) requeues it, so it stays parked until it can be recorded.
     *
     * @param message the message
     * @param cause   the last attempt's failure
     * @throws AmqpRejectAndDontRequeueException or {@link ImmediateRequeueAmqpException}, always
     */
    static void recover(org.springframework.amqp.core.Message message, Throwable cause) {
        String queue = message.getMessageProperties().getConsumerQueue();
        if (cannotHeal(cause)) {
            log.error("Parked message in {} cannot be recorded, to the DLQ: {}", queue, cause.toString());
            throw new AmqpRejectAndDontRequeueException("Cannot be recorded: " + cause, cause);
        }
        log.warn("Parked message in {} not recorded, stays parked: {}", queue, cause.toString());
        throw new ImmediateRequeueAmqpException("Not recorded yet: " + cause, cause);
    }

    /**
     * @param cause a failure, with its causes
     * @return whether a cause in the chain is one that no retry can heal: a rejection
     *         ({@link AmqpRejectAndDontRequeueException}), a payload that is not the event
     *         ({@link MessageConversionException}) or an event that cannot be applied
     *         ({@link IllegalArgumentException}), as the bindings' {@code retryable-exceptions} have them
     */
    static boolean cannotHeal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AmqpRejectAndDontRequeueException || t instanceof MessageConversionException
                    || t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }
}
