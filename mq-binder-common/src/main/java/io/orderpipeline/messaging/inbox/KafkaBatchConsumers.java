package io.orderpipeline.messaging.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumers for Kafka bindings in batch mode ({@code spring.cloud.stream.bindings.<binding>.consumer.batch-mode=true}):
 * the binder hands over all the records of one poll of one listener thread (at most {@code max.poll.records},
 * Kafka's default 500) as a list of raw payloads, and their effects are applied in <em>one</em> database
 * transaction. A batch then costs one listener invocation, one connection checkout and one commit instead of
 * one per record; each record still gets its own processed-messages row (the consumer group's
 * {@code (consumer_group, event_id)} key), so duplicates are skipped exactly as one at a time.
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
 *   <li>a payload that is not JSON of the event type fails as a
 *       {@link MessageConversionException} at its index, after the records before it were applied.</li>
 * </ul>
 * Order is kept: a batch holds the records of one partition in offset order (plus possibly other partitions
 * of the same thread, each in order), and they are applied in list order.
 *
 * <p>Kafka only: RabbitMQ's binder assembles consumer-side batches too ({@code enable-batching}), but rejects
 * a failed batch whole, without retries and without telling which message failed, so there a poison message
 * would take its neighbours to the dead-letter queue.
 *
 * <p>Meters: {@code consumer.batch.size} (distribution summary, records per batch, tag {@code event}) and
 * {@code consumer.batch.fallbacks} (counter: batches whose transaction failed and were applied one at a time).
 */
public class KafkaBatchConsumers {

    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    /**
     * @param json         reads the payloads (the application's mapper: unknown properties are ignored, so
     *                     contracts can grow additively)
     * @param transactions the service's transactions; one per batch, one per record on the fallback path
     * @param meters       where {@code consumer.batch.size} and {@code consumer.batch.fallbacks} are registered
     */
    public KafkaBatchConsumers(JsonMapper json, TransactionTemplate transactions, MeterRegistry meters) {
        this.json = json;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * A batch consumer for a binding whose records are JSON events of one type.
     *
     * @param type   the event type every record's payload is read as
     * @param effect applies one event; runs inside the batch's transaction (join it with
     *               {@code @Transactional}, record the event with {@link ProcessedMessages#markProcessed})
     * @param <T>    the event type
     * @return the function bean's value: {@code Consumer<List<byte[]>>}, the raw payloads of one poll; it throws
     *         {@link BatchListenerFailedException} (cause: the record's failure, index: its position) when a
     *         record fails, after every record before it was committed
     */
    public <T> Consumer<List<byte[]>> of(Class<T> type, Consumer<? super T> effect) {
        DistributionSummary sizes = DistributionSummary.builder("consumer.batch.size")
                .description("Records per batch handed to a batch-mode consumer")
                .baseUnit("records")
                .tag("event", type.getSimpleName())
                .register(meters);
        Counter fallbacks = Counter.builder("consumer.batch.fallbacks")
                .description("Batches whose transaction failed and were applied again one record per transaction")
                .tag("event", type.getSimpleName())
                .register(meters);
        return payloads -> {
            sizes.record(payloads.size());
            List<T> events = new ArrayList<>(payloads.size());
            MessageConversionException unreadable = null;
            for (byte[] payload : payloads) {
                try {
                    events.add(read(payload, type));
                }
                catch (MessageConversionException e) {
                    unreadable = e;
                    break;
                }
            }
            try {
                transactions.executeWithoutResult(status -> events.forEach(effect));
            }
            catch (RuntimeException batchFailed) {
                fallbacks.increment();
                for (int i = 0; i < events.size(); i++) {
                    T event = events.get(i);
                    try {
                        transactions.executeWithoutResult(status -> effect.accept(event));
                    }
                    catch (RuntimeException failed) {
                        throw new BatchListenerFailedException("Record " + i + " of a batch of " + payloads.size()
                                + " failed: " + failed, failed, i);
                    }
                }
            }
            if (unreadable != null) {
                throw new BatchListenerFailedException("Record " + events.size() + " of a batch of " + payloads.size()
                        + " is unreadable", unreadable, events.size());
            }
        };
    }

    /**
     * @throws MessageConversionException without a cause, so that the container's classification (on the
     *         root cause) finds the not-retryable type
     */
    private <T> T read(byte[] payload, Class<T> type) {
        try {
            T event = json.readValue(payload, type);
            if (event == null) {
                throw new MessageConversionException("Empty payload is not a " + type.getSimpleName());
            }
            return event;
        }
        catch (JacksonException e) {
            throw new MessageConversionException("Payload is not a " + type.getSimpleName() + " in JSON: "
                    + e.getOriginalMessage());
        }
    }
}
