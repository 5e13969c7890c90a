package io.orderpipeline.messaging.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.MessageChannel;

/**
 * Publishes outbox records to Kafka without waiting for each one: all records of a batch are handed to the
 * producer first, so that it can pack them into a few produce requests ({@code linger.ms}, {@code batch.size}),
 * then the send futures are awaited in order. Under the producer's {@code acks=all} and idempotence a future
 * completes normally when every in-sync replica has the record
 * (https://kafka.apache.org/documentation/#producerconfigs_acks), which is when a record counts as published;
 * the count stops at the first record whose future failed or did not complete within the confirm timeout.
 * This is the Kafka counterpart of {@link RabbitConfirmedOutboxPublisher}'s publisher confirms.
 *
 * <p>Each send carries the header {@link KafkaIntegrationHeaders#FUTURE_TOKEN} (the event id); the outbox
 * bindings' Kafka handlers are set up by {@link #configureHandler} to be asynchronous and to hand their
 * futures to {@link #futuresChannel()} (Spring Integration's {@code KafkaProducerMessageHandler#setFuturesChannel}).
 * A record whose handler handed over no future is not counted as published.
 */
public class KafkaAcknowledgedOutboxPublisher extends StreamBridgeOutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaAcknowledgedOutboxPublisher.class);

    private final Duration confirmTimeout;
    private final Map<Object, CompletableFuture<?>> futures = new ConcurrentHashMap<>();
    private final MessageChannel futuresChannel = (message, timeout) -> {
        Object token = message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN);
        if (token != null && message.getPayload() instanceof CompletableFuture<?> future) {
            futures.put(token, future);
        }
        return true;
    };

    /**
     * @param streamBridge   sends to the output bindings
     * @param bindings       the binding configuration, to find a destination's binding
     * @param confirmTimeout the longest wait for the acknowledgements of one batch
     */
    public KafkaAcknowledgedOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings,
            Duration confirmTimeout) {
        super(streamBridge, bindings);
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * @return the channel an outbox binding's Kafka handler sends its send futures to: messages whose payload is
     *         the send's {@code CompletableFuture<SendResult>} and whose header {@code kafka_futureToken} is the
     *         token the publisher put on the message
     */
    public MessageChannel futuresChannel() {
        return futuresChannel;
    }

    /**
     * Sets up one binding's Kafka handler to hand its send futures to {@link #futuresChannel()} (it does so only
     * for messages with a future token, so other senders are not affected), and makes the outbox's bindings
     * asynchronous. A binding that keeps {@code sync=true} (a dynamic destination, a function's output) still
     * works for the relay, one acknowledgement at a time.
     *
     * @param handler      the binding's {@code KafkaProducerMessageHandler}
     * @param asynchronous whether the binding is one the relay publishes to, whose sends need not block
     */
    public void configureHandler(KafkaProducerMessageHandler<?, ?> handler, boolean asynchronous) {
        handler.setFuturesChannel(futuresChannel);
        if (asynchronous) {
            handler.setSync(false);
        }
    }

    @Override
    public int publish(List<OutboxRecord> records) {
        List<CompletableFuture<?>> sent = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            String token = record.eventId().toString();
            try {
                boolean accepted = send(record,
                        message(record).setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, token).build());
                CompletableFuture<?> future = futures.remove(token);
                if (!accepted || future == null) {
                    log.warn("Send of outbox event {} to {} was not handed to the Kafka producer", token,
                            record.destination());
                    break;
                }
                sent.add(future);
            }
            catch (RuntimeException e) {
                futures.remove(token);
                log.warn("Send of outbox event {} to {} failed: {}", token, record.destination(),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
                break;
            }
        }
        int confirmed = 0;
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (CompletableFuture<?> future : sent) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                confirmed++;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (ExecutionException | TimeoutException e) {
                log.warn("No acknowledgement for outbox event {}: {}", records.get(confirmed).eventId(),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
                break;
            }
        }
        return confirmed;
    }
}
