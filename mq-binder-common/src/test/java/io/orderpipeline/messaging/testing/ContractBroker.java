package io.orderpipeline.messaging.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.Topology;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain broker client that speaks the message contract, for a service's {@code *IT}: it publishes events as
 * the pipeline's producers do (JSON body, the {@link EventHeaders}, partitioned by order id) and reads what a
 * service published or dead-lettered. One implementation per binder: {@link RabbitContractBroker},
 * {@link KafkaContractBroker}.
 */
public interface ContractBroker extends AutoCloseable {

    /** Serializes events as the services do (Jackson 3 defaults: ISO-8601 instants, decimals as numbers). */
    JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Publishes an event with the contract's headers ({@code eventType}, {@code eventId}, {@code partitionKey},
     * {@code correlationId}) to its order's partition, and returns once the broker accepted it (RabbitMQ
     * publisher confirm, Kafka {@code acks=all}).
     *
     * @param destination a destination, e.g. {@code orders.confirmed}
     * @param event       the event, serialized as JSON
     */
    default void publish(String destination, DomainEvent event) {
        publish(destination, event.orderId(), Map.of(
                EventHeaders.EVENT_TYPE, event.getClass().getSimpleName(),
                EventHeaders.EVENT_ID, event.eventId().toString(),
                EventHeaders.PARTITION_KEY, event.orderId(),
                EventHeaders.CORRELATION_ID, event.orderId()), JSON.writeValueAsBytes(event));
    }

    /**
     * Publishes any body, for events the contract does not allow.
     *
     * @param destination  a destination
     * @param partitionKey the order id the partition is chosen by ({@link Topology#partition(String, int)})
     * @param headers      headers, as text
     * @param body         the body, sent with content type {@code application/json}
     */
    void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body);

    /**
     * Starts consuming a destination as a consumer group of its own: on RabbitMQ the group's durable partition
     * queues {@code <destination>.<group>-<i>}, on Kafka a consumer of group {@code group} reading
     * from the earliest offset. On RabbitMQ only messages published after this call reach it.
     *
     * @param destination a destination
     * @param group       a group no service uses, e.g. {@code audit-service}
     * @return the messages as they arrive; close it when done
     */
    Subscriber subscribe(String destination, String group);

    /**
     * @param destination a destination of the topology
     * @param group       one of its consumer groups
     * @return that group's dead letters: RabbitMQ queue {@link Topology.Destination#rabbitDeadLetterQueue},
     *         Kafka topic {@link Topology.Destination#kafkaDeadLetterTopic}, from the start
     */
    Subscriber deadLetters(Topology.Destination destination, String group);

    @Override
    void close();

    /** Messages received from one queue or subscription. */
    interface Subscriber extends AutoCloseable {

        /**
         * Waits for a message.
         *
         * @param match   the message to wait for
         * @param timeout the longest wait
         * @return the first message received that matches
         * @throws org.awaitility.core.ConditionTimeoutException if none arrived in time
         */
        ReceivedMessage await(Predicate<ReceivedMessage> match, Duration timeout);

        /**
         * @param quiet how long to keep receiving
         * @return every message received so far, after receiving for {@code quiet} more
         */
        List<ReceivedMessage> drain(Duration quiet);

        @Override
        void close();
    }

    /**
     * One message as received.
     *
     * @param headers the headers, as text
     * @param body    the body, as UTF-8 text
     */
    record ReceivedMessage(Map<String, String> headers, String body) {

        /** @return a header's value, or null */
        public String header(String name) {
            return headers.get(name);
        }

        /** @return the body parsed as the given event type */
        public <T> T as(Class<T> type) {
            return JSON.readValue(body.getBytes(StandardCharsets.UTF_8), type);
        }
    }
}
