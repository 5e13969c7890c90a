package io.orderpipeline.messaging.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderpipeline.messaging.contract.Topology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;


/**
 * {@link ContractBroker} on Kafka: a destination is a topic, the partition is chosen as the binder's producers
 * do ({@link Topology#partition(String, int)} of the order id over the topic's partitions), the key is the order
 * id, sends wait for {@code acks=all}; a group's dead letters are topic {@code error.<destination>.<group>}.
 */
public final class KafkaContractBroker implements ContractBroker {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    /** @param bootstrapServers e.g. the embedded broker's {@code spring.embedded.kafka.brokers} */
    public KafkaContractBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body) {
        int partitions = producer.partitionsFor(destination).size();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(destination,
                Topology.partition(partitionKey, partitions), partitionKey, body);
        record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Send to " + destination + " failed", e);
        }
    }

    @Override
    public Subscriber subscribe(String destination, String group) {
        return new TopicSubscriber(destination, group);
    }

    @Override
    public Subscriber deadLetters(Topology.Destination destination, String group) {
        return new TopicSubscriber(destination.kafkaDeadLetterTopic(group), "dead-letter-reader-" + UUID.randomUUID());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private final class TopicSubscriber extends PollingSubscriber {

        private final KafkaConsumer<byte[], byte[]> consumer;

        TopicSubscriber(String topic, String group) {
            super(Duration.ofMillis(10));
            Map<String, Object> properties = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        @Override
        void receiveAvailable() {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
                add(new ReceivedMessage(headers, new String(record.value(), StandardCharsets.UTF_8)));
            });
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
