package io.orderpipeline.faults.broker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderpipeline.faults.FaultException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka clients for {@link KafkaAdmin}, on byte arrays: one producer with {@code acks=all}, consumers without commits. */
final class KafkaTopics {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** @return an idempotent producer with {@code acks=all}; the caller closes it */
    KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Sends each record and waits for its ack. @throws FaultException when one is not acknowledged */
    void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new FaultException("cannot produce to Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted producing to Kafka", e);
        }
    }

    /**
     * @param group the consumer group whose committed offsets it may read and commit; null for none
     * @return a consumer without auto-commit, reading committed records only; the caller closes it
     */
    KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-broker-admin-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config);
    }

    /** @return the partitions of a topic; none when it does not exist (yet) */
    List<TopicPartition> partitions(String topic) throws IOException {
        return partitions(List.of(topic));
    }

    /** @return the partitions of those of the topics that exist */
    List<TopicPartition> partitions(List<String> topics) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(present).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions()
                            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** @return the node id of the partition's leader now; -1 when it has none */
    int leader(String topic, int partition) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            var info = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().get(partition);
            return info.leader() == null ? -1 : info.leader().id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** @return the end offset of each partition of the topics that exist */
    Map<TopicPartition, Long> endOffsets(List<String> topics) throws IOException {
        List<TopicPartition> partitions = partitions(topics);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            return partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions, TIMEOUT);
        }
    }

    /** @return every record of the topics, from the beginning up to their end offsets now */
    List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics) throws IOException {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<TopicPartition> all = partitions(topics);
        if (all.isEmpty()) {
            return records;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(all, TIMEOUT);
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("could not read " + topics + " to its end within " + TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
