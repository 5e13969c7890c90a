package io.orderpipeline.messaging.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Counts RabbitMQ dead letters in {@link DeadLetterMetrics}. A delivery whose retries are exhausted (or that was not
 * retryable) goes to its binding's error channel ({@code <destination>.<group>.errors}), whose subscribers are the
 * Rabbit binder's {@code republish-to-dlq} handler (to {@code <destination>.<group>.dlq}) and a bridge to the
 * application's {@code errorChannel}. The binding's channel lives in the binder's child context, out of reach of a
 * global channel interceptor (InboxRabbitIT saw none there), so this interceptor sits on {@code errorChannel} and
 * counts an error message there that carries an inbound AMQP message, once its send returned without an
 * exception. The destination is the exchange the failed message arrived on (for a re-drive through the default
 * exchange: its queue's name without {@code .<group>-<index>}); the group is this service's consumer group
 * ({@code spring.application.name}).
 *
 * <p>An error message without an inbound AMQP message (a producer's failure) is not a dead letter and is not
 * counted. Kafka's dead letters are counted by {@link KafkaContainerDeadLettering}.
 */
public class RabbitDeadLetterCounter implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RabbitDeadLetterCounter.class);

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
        String destination = destination(error);
        if (destination != null) {
            metrics.get().deadLettered(destination, group);
        } else {
            log.debug("an error on {} names no inbound AMQP message; not counted in {}", channel,
                    DeadLetterMetrics.METRIC);
        }
    }

    /**
     * The destination of the failed inbound delivery: from the raw AMQP message in the error's headers or its
     * original message's, else from the {@code amqp_receivedExchange} / {@code amqp_consumerQueue} headers of a
     * failed message in the error or its causes.
     */
    @Nullable String destination(ErrorMessage error) {
        List<Message<?>> messages = new ArrayList<>();
        messages.add(error);
        if (error.getOriginalMessage() != null) {
            messages.add(error.getOriginalMessage());
        }
        for (Throwable t = error.getPayload(); t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MessagingException failure && failure.getFailedMessage() != null) {
                messages.add(failure.getFailedMessage());
            }
        }
        for (Message<?> candidate : messages) {
            for (Object value : candidate.getHeaders().values()) {
                if (value instanceof org.springframework.amqp.core.Message amqp) {
                    String destination = destination(amqp.getMessageProperties());
                    if (destination != null && !destination.isEmpty()) {
                        return destination;
                    }
                }
            }
        }
        for (Message<?> candidate : messages) {
            MessageProperties properties = new MessageProperties();
            properties.setReceivedExchange(candidate.getHeaders().get(AmqpHeaders.RECEIVED_EXCHANGE, String.class));
            properties.setConsumerQueue(candidate.getHeaders().get(AmqpHeaders.CONSUMER_QUEUE, String.class));
            String destination = destination(properties);
            if (destination != null && !destination.isEmpty()) {
                return destination;
            }
        }
        return null;
    }
}
