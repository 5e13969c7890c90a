package io.orderpipeline.cli.faults;

import java.util.List;
import java.util.Map;

/**
 * What the fault suite does to the broker: stop and start it, put messages straight into a destination
 * (bypassing the services), and read the dead-letter destinations.
 */
interface BrokerControl extends AutoCloseable {

    /** Takes the broker away from every client; returns once it refuses them. */
    void stop();

    /** Brings the broker back; returns once it accepts clients again. */
    void start();

    /**
     * Publishes one message to a destination as the pipeline's producers do: persistent, to the partition
     * of {@code partitionKey}, with the given headers (String values) and body.
     */
    void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body);

    /**
     * Publishes again events the pipeline itself sent (read from order-service's outbox): byte for byte
     * where the broker keeps them (Kafka), rebuilt from the outbox row as the relay sent it otherwise.
     *
     * @param events the events to send again
     * @param copies how many times each is sent again
     * @return how many messages were published
     */
    int republish(List<OutboxEvent> events, int copies);

    /** @return the number of messages in all dead-letter destinations of the pipeline, now */
    long deadLetterCount();

    /** @return the dead-lettered messages, each with its cause, read without removing them */
    List<DeadLetter> deadLetters();

    @Override
    void close();
}
