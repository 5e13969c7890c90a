package io.orderpipeline.messaging.inbox;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.EventMessages;
import io.orderpipeline.messaging.tracing.MessageTracing;
import io.orderpipeline.messaging.contract.DomainEvent;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent consumer of the pipeline, the building block of every consumer binding: it reads the event from
 * the raw payload, opens the transaction, records {@code (consumer group, eventId)} with the event's order and
 * sequence in {@code processed_message}, checks the per-order sequence and, only for an event to apply, calls the
 * service's effect, which takes the event's business data and joins the transaction.
 *
 * <p>What one delivered event gets, in one transaction:
 * <ul>
 *   <li><b>duplicate</b> (the group recorded the event id before): skipped, counted in
 *       {@value #DUPLICATES_METRIC} (tag {@code group});</li>
 *   <li><b>stale</b> (its sequence and the group's highest recorded sequence of that order are both known, &gt; 0,
 *       and its sequence is not above it): recorded, counted in {@value OutOfOrderEvents#METRIC} (tag
 *       {@code group}), logged at WARN, not applied. {@code pipeline.inbox.sequence-check=false} switches the check
 *       off: such an event is applied and not counted;</li>
 *   <li>otherwise <b>applied</b>: the effect runs; if it throws, the transaction rolls back with the inbox row,
 *       and the binder retries the delivery (or dead-letters it: {@link IllegalArgumentException} and
 *       {@link org.springframework.messaging.converter.MessageConversionException} at once). Counted in
 *       {@value #APPLIED_METRIC} (tag {@code group}) once the transaction committed, so a rolled-back attempt and
 *       its retry count once: the processed events per second of a service (the live page reads it).</li>
 * </ul>
 * Statements per event: the {@code INSERT} of the inbox row, and one indexed {@code SELECT MAX(sequence)} when the
 * event has a sequence and the check is on.
 *
 * <p>Delivery: the function beans take {@code Message<?>}, for which Spring Cloud Function leaves the payload as
 * the binder hands it over: {@code byte[]} one record at a time (RabbitMQ, Kafka), {@code List<byte[]>} for a
 * Kafka binding in {@code batch-mode}, whose records are then applied as {@link InboxBatch} describes. So a
 * binding's bean is the same in both modes, and the mode is the binding's {@code consumer.batch-mode} alone.
 */
public class Inbox {

    /** The counter of skipped redeliveries. */
    public static final String DUPLICATES_METRIC = "inbox.duplicates";

    /** The counter of events applied (committed with their effect); Prometheus: {@code inbox_applied_total}. */
    public static final String APPLIED_METRIC = "inbox.applied";

    private final String group;
    private final boolean sequenceCheck;
    private final ProcessedMessages processed;
    private final OutOfOrderEvents outOfOrder;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Counter duplicates;
    private final Counter applied;
    private final MessageTracing tracing;

    /** An inbox without per-record spans for batches. */
    public Inbox(String group, boolean sequenceCheck, ProcessedMessages processed, OutOfOrderEvents outOfOrder,
            JsonMapper json, TransactionTemplate transactions, MeterRegistry meters) {
        this(group, sequenceCheck, processed, outOfOrder, json, transactions, meters, MessageTracing.NOOP);
    }

    /**
     * @param group         the consumer group: the application name, as every binding's {@code group}
     * @param sequenceCheck {@code pipeline.inbox.sequence-check}: whether stale events are skipped
     * @param processed     the inbox table
     * @param outOfOrder    counts and logs stale events
     * @param json          reads the payloads (the application's mapper: unknown properties are ignored, so
     *                      contracts can grow additively)
     * @param transactions  the service's transactions: one per event, or one per Kafka poll
     * @param meters        where the counters and the batch meters are registered
     * @param tracing       opens a CONSUMER span per record of a Kafka batch, continuing that record's trace (one
     *                      record at a time the binder's own observation does it)
     */
    public Inbox(String group, boolean sequenceCheck, ProcessedMessages processed, OutOfOrderEvents outOfOrder,
            JsonMapper json, TransactionTemplate transactions, MeterRegistry meters, MessageTracing tracing) {
        this.group = group;
        this.sequenceCheck = sequenceCheck;
        this.processed = processed;
        this.outOfOrder = outOfOrder;
        this.json = json;
        this.transactions = transactions;
        this.meters = meters;
        this.tracing = tracing;
        this.duplicates = Counter.builder(DUPLICATES_METRIC)
                .description("Redelivered events skipped because their consumer group had applied them")
                .tag("group", group)
                .register(meters);
        this.applied = Counter.builder(APPLIED_METRIC)
                .description("Events applied by their consumer group, counted when their transaction committed")
                .tag("group", group)
                .register(meters);
    }

    /**
     * A consumer binding's function bean.
     *
     * @param type   the event type every payload is read as (a sealed interface such as {@code StockResult} reads
     *               its kinds by the JSON's {@code type})
     * @param effect applies one event to the service: maps it to business data and calls the domain; runs in the
     *               inbox's transaction, only for an event to apply
     * @param <T>    the event type
     * @return the bean: takes the binder's message, {@code byte[]} or (Kafka batch mode) {@code List<byte[]>}; throws
     *         {@link org.springframework.messaging.converter.MessageConversionException} for a payload that is not
     *         the event in JSON, {@link IllegalArgumentException} for an event without an id or with an order id
     *         longer than {@value ProcessedMessages#MAX_ORDER_ID_LENGTH}, what the effect throws, and in batch mode
     *         {@link org.springframework.kafka.listener.BatchListenerFailedException} naming the failed record
     */
    public <T extends DomainEvent> Consumer<Message<?>> consumer(Class<T> type, Consumer<? super T> effect) {
        Consumer<T> once = event -> {
            if (receive(event) == Receipt.APPLY) {
                effect.accept(event);
            }
        };
        InboxBatch<T> batches = new InboxBatch<>(type, json, transactions, meters, tracing);
        return message -> {
            if (message.getPayload() instanceof List<?> records) {
                batches.consume(records, message.getHeaders(), once);
                return;
            }
            T event = EventReader.read(json, message.getPayload(), type);
            transactions.executeWithoutResult(status -> once.accept(event));
        };
    }

    /**
     * A processor binding's function bean: one answer per delivered request, also for a request that is not applied,
     * so a redelivery after a crash between the commit and the send still ends with the answer sent.
     *
     * @param type   the request type
     * @param apply  decides a request to apply and returns the answer; runs in the inbox's transaction
     * @param replay returns the answer stored for a duplicate or stale request (e.g. with the event id it was
     *               first sent with, so its consumers drop the copy); runs in the inbox's transaction
     * @param <T>    the request type
     * @param <R>    the answer type
     * @return the bean: takes one request at a time ({@code byte[]}), returns the answer's message with the
     *         contract's headers ({@link EventMessages}); throws as {@link #consumer}, and
     *         {@link IllegalStateException} for a batch (processors take no batch mode)
     */
    public <T extends DomainEvent, R extends DomainEvent> Function<Message<?>, Message<R>> processor(Class<T> type,
            Function<? super T, ? extends R> apply, Function<? super T, ? extends R> replay) {
        return message -> {
            if (message.getPayload() instanceof List<?>) {
                throw new IllegalStateException("A processor takes one " + type.getSimpleName()
                        + " at a time: batch-mode is for consumer bindings");
            }
            T request = EventReader.read(json, message.getPayload(), type);
            R answer = transactions.execute(status -> receive(request) == Receipt.APPLY
                    ? apply.apply(request)
                    : replay.apply(request));
            return EventMessages.of(answer);
        };
    }

    /** What the inbox made of one event. */
    enum Receipt { APPLY, DUPLICATE, STALE }

    /** Records the event and judges it, in the caller's transaction. */
    Receipt receive(DomainEvent event) {
        UUID eventId = event.eventId();
        if (eventId == null) {
            throw new IllegalArgumentException("Event without eventId: cannot be applied idempotently");
        }
        String orderId = event.orderId();
        if (orderId != null && orderId.length() > ProcessedMessages.MAX_ORDER_ID_LENGTH) {
            throw new IllegalArgumentException("Event " + eventId + " has an order id of " + orderId.length()
                    + " characters, at most " + ProcessedMessages.MAX_ORDER_ID_LENGTH + " are allowed");
        }
        long sequence = event.sequence();
        if (!processed.record(group, eventId, orderId, sequence)) {
            duplicates.increment();
            return Receipt.DUPLICATE;
        }
        if (sequenceCheck && orderId != null && sequence > DomainEvent.UNKNOWN_SEQUENCE
                && outOfOrder.check(eventId, orderId, sequence, processed.highestSequence(group, orderId, eventId))) {
            return Receipt.STALE;
        }
        countWhenCommitted();
        return Receipt.APPLY;
    }

    private void countWhenCommitted() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            applied.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                applied.increment();
            }
        });
    }
}
