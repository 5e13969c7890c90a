package io.orderpipeline.messaging.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;

/**
 * Publishes outbox records to RabbitMQ and waits for the publisher confirms
 * (https://www.rabbitmq.com/docs/confirms#publisher-confirms).
 *
 * <p>All records of a batch are sent first, each with a {@link CorrelationData} header, then their
 * confirms are awaited: one round trip per batch instead of one per message. A record counts as
 * published only on a positive confirm without a return: a nack or a returned (unroutable, mandatory)
 * message stops the count there. Needs {@code spring.rabbitmq.publisher-confirm-type=correlated},
 * {@code spring.rabbitmq.publisher-returns=true} and the producer binding property
 * {@code use-confirm-header=true}.
 */
public class RabbitConfirmedOutboxPublisher extends StreamBridgeOutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(RabbitConfirmedOutboxPublisher.class);

    private final Duration confirmTimeout;

    /**
     * @param streamBridge   sends to the output bindings
     * @param bindings       the binding configuration, to find a destination's binding
     * @param confirmTimeout the longest wait for the confirms of one batch, counted from its last send
     */
    public RabbitConfirmedOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings,
            Duration confirmTimeout) {
        super(streamBridge, bindings);
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public int publish(List<OutboxRecord> records) {
        List<CorrelationData> sent = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            CorrelationData correlation = new CorrelationData(record.eventId().toString());
            try {
                send(record,
                        message(record).setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation).build());
            }
            catch (RuntimeException e) {
                log.warn("Send of outbox event {} to {} failed: {}", record.eventId(), record.destination(), e.toString());
                break;
            }
            sent.add(correlation);
        }
        int confirmed = 0;
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (CorrelationData correlation : sent) {
            try {
                CorrelationData.Confirm confirm = correlation.getFuture()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!confirm.ack()) {
                    log.warn("Broker nacked outbox event {}: {}", correlation.getId(), confirm.reason());
                    break;
                }
                if (correlation.getReturned() != null) {
                    log.warn("Outbox event {} was returned unroutable: {}", correlation.getId(),
                            correlation.getReturned().getReplyText());
                    break;
                }
                confirmed++;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (ExecutionException | TimeoutException e) {
                log.warn("No confirm for outbox event {}: {}", correlation.getId(), e.toString());
                break;
            }
        }
        return confirmed;
    }
}
