package io.orderpipeline.messaging.outbox;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;

/**
 * Publishes outbox records one by one; a record counts as published when its send returned. On Kafka,
 * with the producer binding property {@code sync=true}, that means the broker acknowledged it under the
 * producer's {@code acks=all} and idempotence settings
 * (https://kafka.apache.org/documentation/#producerconfigs_acks); on the in-memory test binder, that
 * the message was handed over. A failed send stops the count there.
 */
public class SynchronousOutboxPublisher extends StreamBridgeOutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(SynchronousOutboxPublisher.class);

    /**
     * @param streamBridge sends to the output bindings (configured {@code sync=true})
     * @param bindings     the binding configuration, to find a destination's binding
     */
    public SynchronousOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings) {
        super(streamBridge, bindings);
    }

    @Override
    public int publish(List<OutboxRecord> records) {
        int confirmed = 0;
        for (OutboxRecord record : records) {
            try {
                if (!send(record, message(record).build())) {
                    break;
                }
            }
            catch (RuntimeException e) {
                log.warn("Send of outbox event {} to {} failed: {}", record.eventId(), record.destination(), e.toString());
                break;
            }
            confirmed++;
        }
        return confirmed;
    }
}
