package io.orderpipeline.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.retry.RetryException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Adds the cause of a failed delivery to the message the binder dead-letters: {@value #CAUSE_CLASS} (the innermost exception's class), {@value #CAUSE_MESSAGE}
 * (its message) and {@value #ATTEMPTS} (deliveries tried, 1 for an error that was not retried).
 *
 * <p>Why: the binders' own headers name the framework's wrapper, not the cause (RabbitMQ's
 * {@code x-exception-message} reads "Retry policy ... exhausted", Kafka's {@code x-exception-fqcn} is
 * {@code MessagingException}), and neither says how often it was tried. The interceptor sits on each
 * binding's error channel ({@code <destination>.<group>.errors}), before the binder's dead-letter handler,
 * and writes into the raw broker message that handler republishes (the AMQP message's properties, the
 * Kafka record's headers). All names start with {@code x-exception-}, so a re-drive strips them.
 *
 * <p>RabbitMQ only: on Kafka (binder 5.0.2) the binding's error channel lives in the binder's own context,
 * out of this global interceptor's reach, so {@link KafkaContainerDeadLettering} dead-letters from the
 * listener container and writes the same headers there.
 */
public class DeadLetterCauseHeaders implements ChannelInterceptor {

    /** Fully qualified class name of the innermost cause. */
    public static final String CAUSE_CLASS = "x-exception-cause-fqcn";

    /** The innermost cause's message (may be empty). */
    public static final String CAUSE_MESSAGE = "x-exception-cause-message";

    /** Delivery attempts before the message was dead-lettered, decimal text. */
    public static final String ATTEMPTS = "x-exception-attempts";

    private static final int MAX_MESSAGE_LENGTH = 1000;

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (message instanceof ErrorMessage error) {
            Throwable failure = error.getPayload();
            Throwable cause = innermost(failure);
            Map<String, String> headers = Map.of(
                    CAUSE_CLASS, cause.getClass().getName(),
                    CAUSE_MESSAGE, truncate(String.valueOf(cause.getMessage())),
                    ATTEMPTS, Integer.toString(attempts(failure)));
            error.getHeaders().values().forEach(value -> addTo(value, headers));
            if (error.getOriginalMessage() != null) {
                error.getOriginalMessage().getHeaders().values().forEach(value -> addTo(value, headers));
            }
        }
        return message;
    }

    /** The deepest cause: the exception the listener threw, not the framework's wrappers around it. */
    static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** 1 + the retries the binder's retry template made; 1 when the exception was classified not retryable. */
    static int attempts(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryException retry) {
                return Math.max(1, retry.getExceptions().size());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return 1;
    }

    static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }

    private static void addTo(Object raw, Map<String, String> headers) {
        if (raw instanceof org.springframework.amqp.core.Message amqp) {
            headers.forEach(amqp.getMessageProperties()::setHeader);
        }
        else if (raw instanceof ConsumerRecord<?, ?> record) {
            headers.forEach((key, value) -> {
                record.headers().remove(key);
                record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
            });
        }
    }
}
