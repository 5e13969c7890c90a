package io.orderpipeline.messaging.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.DeliveryAttemptAware;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retries and dead-lettering of every Kafka consumer binding from the binding into the listener
 * container (the Kafka binder's documented "Retry and Dead Letter Processing" option): a
 * {@link DefaultErrorHandler} retries a failed record with the binding's back-off ({@code max-attempts},
 * {@code back-off-initial-interval}, {@code back-off-multiplier}, {@code back-off-max-interval}), skips the
 * retries for the binding's {@code retryable-exceptions: false} classes, then a
 * {@link DeadLetterPublishingRecoverer} writes the record to the binder's dead-letter topic
 * ({@code error.<topic>.<group>}, or {@code dlq-name}), same partition, same key, value and headers.
 *
 * <p>Why: dead-lettered from the binding, a Kafka record carries only the binder's wrapper
 * ({@code x-exception-fqcn: MessagingException}) and no attempt count. Here the dead letter gets the same
 * headers as on RabbitMQ: {@value DeadLetterCauseHeaders#CAUSE_CLASS} and
 * {@value DeadLetterCauseHeaders#CAUSE_MESSAGE} (the innermost cause), {@value DeadLetterCauseHeaders#ATTEMPTS}
 * (from the container's {@code kafka_deliveryAttempt} header), plus the binder's {@code x-original-topic},
 * {@code x-original-partition} (4-byte int), {@code x-original-offset} (8-byte long), {@code x-exception-fqcn}
 * and {@code x-exception-message}, so a re-drive tool reads one shape on both binders. The record's offset is
 * committed once the dead letter is acknowledged ({@code acks=all}); a retried record blocks its partition
 * while it backs off, which keeps the per-order order.
 *
 * <p>Bindings in batch mode get the same handler: a batch listener that throws a
 * {@link org.springframework.kafka.listener.BatchListenerFailedException} with the failed record's index has the
 * offsets before it committed and that record alone retried and dead-lettered
 * ({@link io.orderpipeline.messaging.inbox.Inbox}, in batch mode); its attempt count comes from the handler's own
 * tracking, as the container sets no delivery-attempt header for batches. Any other exception from a batch
 * listener makes the handler retry the whole batch and dead-letter all of it (spring-kafka's fallback).
 * Bindings in a Kafka transaction keep the binder's own handling.
 */
public class KafkaContainerDeadLettering implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;

    private final KafkaTemplate<byte[], byte[]> template;

    private final @Nullable DeadLetterMetrics metrics;

    /**
     * @param producerProperties Kafka producer configuration for dead letters ({@code bootstrap.servers} at
     *                           least); {@code acks=all} and idempotence are forced
     */
    public KafkaContainerDeadLettering(Map<String, Object> producerProperties) {
        this(producerProperties, null);
    }

    /**
     * @param producerProperties Kafka producer configuration for dead letters ({@code bootstrap.servers} at
     *                           least); {@code acks=all} and idempotence are forced
     * @param metrics            where each dead letter Kafka acknowledged is counted, per destination and group;
     *                           null counts nothing
     */
    public KafkaContainerDeadLettering(Map<String, Object> producerProperties, @Nullable DeadLetterMetrics metrics) {
        this.metrics = metrics;
        Map<String, Object> config = new HashMap<>(producerProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms (default 30 s), and the pipeline
        // sets delivery.timeout.ms to 30 s: keep the request timeout inside it
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        this.producerFactory = new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        this.template = new KafkaTemplate<>(producerFactory);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff) {
        throw new UnsupportedOperationException("the binder calls the variant with the binding's properties");
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        KafkaConsumerProperties kafka = properties.getExtension();
        if (kafka.getTransactionManager() != null || !kafka.isEnableDlq()) {
            return;
        }
        String dlqName = kafka.getDlqName() != null && !kafka.getDlqName().isBlank() ? kafka.getDlqName()
                : "error." + destinationName + "." + group;
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(dlqName,
                        kafka.getDlqPartitions() != null && kafka.getDlqPartitions() == 1 ? 0 : record.partition()));
        // the shape of the binder's dead letters, not spring-kafka's kafka_dlt-* headers
        recoverer.excludeHeader(HeadersToAdd.values());
        DefaultErrorHandler handler = new DefaultErrorHandler(counting(recoverer, destinationName, group),
                backOff != null ? backOff : new FixedBackOff(0L, 0L));
        // recovery runs after the handler counted the last failure, so its "next delivery attempt" is one more
        // than the deliveries that failed
        recoverer.setHeadersFunction((record, failure) -> causeHeaders(record, failure,
                offset -> Math.max(1, handler.deliveryAttempt(offset) - 1)));
        properties.getRetryableExceptions().forEach((type, retryable) -> {
            if (!retryable && Exception.class.isAssignableFrom(type)) {
                handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
            }
        });
        if (!properties.isBatchMode()) {
            container.getContainerProperties().setDeliveryAttemptHeader(true);
        }
        container.setCommonErrorHandler(handler);
    }

    /**
     * The recoverer, counting each record it dead-lettered: {@link DeadLetterPublishingRecoverer} waits for the
     * send's result and throws when Kafka did not acknowledge it, so a record is counted once its dead letter is
     * stored (the container then retries the failed recovery, and counts again only when one succeeds).
     */
    ConsumerAwareRecordRecoverer counting(DeadLetterPublishingRecoverer recoverer, String destination, String group) {
        if (metrics == null) {
            return recoverer;
        }
        metrics.counter(destination, group);
        return (record, consumer, exception) -> {
            recoverer.accept(record, consumer, exception);
            metrics.deadLettered(destination, group);
        };
    }

    /**
     * The headers a dead letter gets besides the record's own.
     *
     * @param attempts the deliveries that failed, by the error handler's count, used when the record has no
     *                 {@code kafka_deliveryAttempt} header (batch listeners)
     */
    static Headers causeHeaders(ConsumerRecord<?, ?> record, Exception failure, DeliveryAttemptAware attempts) {
        Throwable cause = DeadLetterCauseHeaders.innermost(failure);
        Throwable unwrapped = failure.getCause() != null ? failure.getCause() : failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BatchListenerFailedException batch && batch.getCause() != null) {
                unwrapped = batch.getCause();
                break;
            }
        }
        Header attempt = record.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT);
        int attemptCount = attempt != null && attempt.value().length == Integer.BYTES
                ? ByteBuffer.wrap(attempt.value()).getInt()
                : attempts.deliveryAttempt(new TopicPartitionOffset(record.topic(), record.partition(), record.offset()));
        Headers headers = new RecordHeaders();
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(KafkaMessageChannelBinder.X_EXCEPTION_FQCN, utf8(unwrapped.getClass().getName()));
        headers.add(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE,
                utf8(DeadLetterCauseHeaders.truncate(String.valueOf(unwrapped.getMessage()))));
        headers.add(DeadLetterCauseHeaders.CAUSE_CLASS, utf8(cause.getClass().getName()));
        headers.add(DeadLetterCauseHeaders.CAUSE_MESSAGE,
                utf8(DeadLetterCauseHeaders.truncate(String.valueOf(cause.getMessage()))));
        headers.add(DeadLetterCauseHeaders.ATTEMPTS, utf8(Integer.toString(attemptCount)));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
