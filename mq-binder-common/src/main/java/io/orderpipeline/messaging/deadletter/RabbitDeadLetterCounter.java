package io.orderpipeline.messaging.deadletter;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Counts RabbitMQ dead letters in {@link DeadLetterMetrics}: sits on every binding's error channel
 * ({@code <destination>.<group>.errors}), where the Rabbit binder's {@code republish-to-dlq} handler receives a
 * delivery whose retries are exhausted (or that was not retryable), and counts it once that send returned
 * without an exception, i.e. once the handler republished it to {@code <destination>.<group>.dlq}. The
 * destination is the exchange the failed AMQP message arrived on, the group this service's consumer group
 * ({@code spring.application.name}).
 *
 * <p>An error message without an inbound AMQP message (a producer's error channel, when one is enabled) is not
 * a dead letter and is not counted. Kafka's dead letters are counted by {@link KafkaContainerDeadLettering}.
 */
public class RabbitDeadLetterCounter implements ChannelInterceptor {

    private final Supplier<DeadLetterMetrics> metrics;
    private final String group;

    /**
     * @param metrics the counters, looked up at the first dead letter (the interceptor is created before them)
     * @param group   the consumer group of every binding of this service
     */
    public RabbitDeadLetterCounter(Supplier<DeadLetterMetrics> metrics, String group) {
        this.metrics = metrics;
        this.group = group;
    }

    /**
     * The exchange the message arrived on; for one sent to the default exchange (a re-drive), the queue's name without
     * {@code .<group>} and the partition suffix {@code -<index>}.
     */
    @Nullable String destination(MessageProperties properties) {
        String exchange = properties.getReceivedExchange();
        if (exchange != null && !exchange.isEmpty()) {
            return exchange;
        }
        String queue = properties.getConsumerQueue();
        if (queue == null) {
            return null;
        }
        int suffix = queue.lastIndexOf("." + group);
        return suffix > 0 ? queue.substring(0, suffix) : queue;
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
        if (!(message instanceof ErrorMessage error) || !sent || ex != null) {
            return;
        }
        Stream.concat(error.getHeaders().values().stream(),
                        error.getOriginalMessage() == null ? Stream.empty()
                                : error.getOriginalMessage().getHeaders().values().stream())
                .filter(org.springframework.amqp.core.Message.class::isInstance)
                .map(org.springframework.amqp.core.Message.class::cast)
                .map(amqp -> destination(amqp.getMessageProperties()))
                .filter(destination -> destination != null && !destination.isEmpty())
                .findFirst()
                .ifPresent(destination -> metrics.get().deadLettered(destination, group));
    }
}
