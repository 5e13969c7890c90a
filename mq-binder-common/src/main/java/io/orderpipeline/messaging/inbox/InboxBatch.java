package io.orderpipeline.messaging.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.tracing.MessageTracing;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records of one Kafka poll of a binding in batch mode
 * ({@code spring.cloud.stream.bindings.<binding>.consumer.batch-mode=true}, the Kafka profile's default through
 * {@code pipeline.messaging.batch-consumers}): all the records of one poll of one listener thread (at most
 * {@code max.poll.records}, Kafka's default 500) applied in <em>one</em> database transaction. A batch then costs
 * one listener invocation, one connection checkout and one commit instead of one per record; each record still
 * gets its own inbox row and sequence check, so duplicates and stale events are skipped exactly as one at a time.
 *
 * <p>Failures keep the record-at-a-time guarantees, through the Kafka binder's documented way to fail part of a
 * batch ("Consuming Batches": a {@link BatchListenerFailedException} naming the index of the failed record):
 * <ul>
 *   <li>if the batch's transaction fails, it rolled back whole, and the records are applied again one per
 *       transaction up to the first that fails; that one is reported by its index, so the listener container's
 *       error handler commits the offsets before it, retries it alone with the binding's back-off and, after
 *       {@code max-attempts} (or at once for a {@code retryable-exceptions: false} class, judged on the root
 *       cause), writes it to the dead-letter topic with its cause; the records after it are delivered again
 *       in the next poll ({@link io.orderpipeline.messaging.deadletter.KafkaContainerDeadLettering});</li>
 *   <li>a payload that is not JSON of the event type fails as a {@link MessageConversionException} at its index,
 *       after the records before it were applied: dead-lettered without retries.</li>
 * </ul>
 * Order is kept: a batch holds the records of one partition in offset order (plus possibly other partitions
 * of the same thread, each in order), and they are applied in list order.
 *
 * <p>Kafka only: RabbitMQ's binder assembles consumer-side batches too ({@code enable-batching}), but rejects
 * a failed batch whole, without retries and without telling which message failed, so there a poison message
 * would take its neighbours to the dead-letter queue; {@code pipeline.messaging.batch-consumers=true} is refused
 * on RabbitMQ.
 *
 * <p>Meters, registered at a binding's first batch: {@code consumer.batch.size} (distribution summary, records per
 * batch, tag {@code event}: the event type's simple name) and {@code consumer.batch.fallbacks} (counter: batches
 * whose transaction failed and were applied one record per transaction).
 *
 * <p>Tracing: the Kafka binder observes record listeners only, so with tracing on each record is applied in a
 * CONSUMER span of its own ({@code "<topic> receive"}) that continues the record's {@code traceparent} header
 * (from {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}): a batch holding records of many orders leaves each order's
 * trace whole, and what a record's effect appends to the outbox continues that record's trace.
 */
final class InboxBatch<T> {

    private final Class<T> type;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final MessageTracing tracing;
    private volatile Meters registered;

    private record Meters(DistributionSummary sizes, Counter fallbacks) {
    }

    InboxBatch(Class<T> type, JsonMapper json, TransactionTemplate transactions, MeterRegistry meters,
            MessageTracing tracing) {
        this.type = type;
        this.json = json;
        this.transactions = transactions;
        this.meters = meters;
        this.tracing = tracing;
    }

    /**
     * @param records the raw payloads of one poll, {@code byte[]} each
     * @param headers the batch message's headers: {@link KafkaHeaders#BATCH_CONVERTED_HEADERS} (one map per record)
     *                and {@link KafkaHeaders#RECEIVED_TOPIC} (one topic per record) name each record's trace context
     * @param receive receives one event (inbox row, sequence check, effect); runs in the batch's transaction
     * @throws BatchListenerFailedException (cause: the record's failure, index: its position) when a record fails,
     *         after every record before it was committed
     */
    void consume(List<?> records, MessageHeaders headers, Consumer<T> receive) {
        Meters meter = meters();
        meter.sizes().record(records.size());
        List<T> events = new ArrayList<>(records.size());
        MessageConversionException unreadable = null;
        for (Object record : records) {
            try {
                events.add(EventReader.read(json, record, type));
            }
            catch (MessageConversionException e) {
                unreadable = e;
                break;
            }
        }
        try {
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < events.size(); i++) {
                    receiveTraced(headers, i, events.get(i), receive);
                }
            });
        }
        catch (RuntimeException batchFailed) {
            meter.fallbacks().increment();
            for (int i = 0; i < events.size(); i++) {
                T event = events.get(i);
                int index = i;
                try {
                    transactions.executeWithoutResult(status -> receiveTraced(headers, index, event, receive));
                }
                catch (RuntimeException failed) {
                    throw new BatchListenerFailedException("Record " + i + " of a batch of " + records.size()
                            + " failed: " + failed, failed, i);
                }
            }
        }
        if (unreadable != null) {
            throw new BatchListenerFailedException("Record " + events.size() + " of a batch of " + records.size()
                    + " is unreadable", unreadable, events.size());
        }
    }

    private void receiveTraced(MessageHeaders headers, int index, T event, Consumer<T> receive) {
        if (!tracing.enabled()) {
            receive.accept(event);
            return;
        }
        Object topic = element(headers.get(KafkaHeaders.RECEIVED_TOPIC), index);
        Object recordHeaders = element(headers.get(KafkaHeaders.BATCH_CONVERTED_HEADERS), index);
        @SuppressWarnings("unchecked")
        Map<String, ?> carrier = recordHeaders instanceof Map<?, ?> map ? (Map<String, ?>) map : null;
        tracing.consuming(carrier, (topic != null ? topic : type.getSimpleName()) + " receive",
                () -> receive.accept(event));
    }

    private static Object element(Object list, int index) {
        return list instanceof List<?> values && index < values.size() ? values.get(index) : null;
    }

    private Meters meters() {
        Meters m = registered;
        if (m == null) {
            m = new Meters(DistributionSummary.builder("consumer.batch.size")
                    .description("Records per batch handed to a batch-mode consumer")
                    .baseUnit("records")
                    .tag("event", type.getSimpleName())
                    .register(meters),
                    Counter.builder("consumer.batch.fallbacks")
                            .description("Batches whose transaction failed and were applied again one record per "
                                    + "transaction")
                            .tag("event", type.getSimpleName())
                            .register(meters));
            registered = m;
        }
        return m;
    }
}
