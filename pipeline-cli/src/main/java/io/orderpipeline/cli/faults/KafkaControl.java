package io.orderpipeline.cli.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The stack's own Kafka broker process: killed with SIGKILL and started again through the {@link Stack},
 * records produced with {@code acks=all} to the partition the pipeline's producers pick, and the dead-letter
 * topics {@code error.<destination>.<group>} read with a consumer that has no group (nothing is committed).
 */
final class KafkaControl implements BrokerControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Stack stack;
    private final int partitions;

    KafkaControl(Stack stack, int partitions) {
        this.stack = stack;
        this.partitions = partitions;
    }

    @Override
    public void stop() {
        stack.kill(Component.KAFKA);
    }

    @Override
    public void start() {
        stack.start(Component.KAFKA);
    }

    @Override
    public void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(List.of(new ProducerRecord<>(destination, Destination.partition(partitionKey, partitions),
                partitionKey.getBytes(StandardCharsets.UTF_8), body, recordHeaders)));
    }

    /** Finds each event's record in its topic by the {@code eventId} header and produces copies of it. */
    @Override
    public int republish(List<OutboxEvent> events, int copies) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, List<OutboxEvent>> byTopic = new java.util.LinkedHashMap<>();
        events.forEach(e -> byTopic.computeIfAbsent(e.destination(), t -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<OutboxEvent>> topic : byTopic.entrySet()) {
            Set<String> wanted = new HashSet<>();
            topic.getValue().forEach(e -> wanted.add(e.eventId()));
            for (ConsumerRecord<byte[], byte[]> original : readAll(List.of(topic.getKey()))) {
                Header eventId = original.headers().lastHeader("eventId");
                if (eventId != null && wanted.remove(unquote(eventId.value()))) {
                    for (int i = 0; i < copies; i++) {
                        records.add(new ProducerRecord<>(original.topic(), original.partition(), original.key(),
                                original.value(), new RecordHeaders(original.headers().toArray())));
                    }
                }
            }
            if (!wanted.isEmpty()) {
                throw new FaultException("events not found in topic " + topic.getKey() + ": " + wanted);
            }
        }
        send(records);
        return records.size();
    }

    @Override
    public long deadLetterCount() {
        try (Admin admin = admin()) {
            List<String> topics = existingDeadLetterTopics(admin);
            long count = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets(topics).entrySet()) {
                count += end.getValue();
            }
            return count;
        }
    }

    @Override
    public List<DeadLetter> deadLetters() {
        List<String> topics;
        try (Admin admin = admin()) {
            topics = existingDeadLetterTopics(admin);
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topics)) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            letters.add(new DeadLetter(record.topic(), io.orderpipeline.cli.dlq.DeadLetter.causeOf(headers),
                    record.value() == null ? "" : Text.abbreviate(new String(record.value(), StandardCharsets.UTF_8))));
        }
        return letters;
    }

    @Override
    public void close() {
        // clients are opened per call
    }

    private static String unquote(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private List<String> existingDeadLetterTopics(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> topics = new ArrayList<>();
            for (Destination destination : Destination.ALL) {
                for (String group : destination.groups()) {
                    String topic = "error." + destination.name() + "." + group;
                    if (existing.contains(topic)) {
                        topics.add(topic);
                    }
                }
            }
            return topics;
        } catch (ExecutionException | TimeoutException e) {
            throw new FaultException("cannot list Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted listing Kafka topics", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> all = partitionsOf(consumer, topics);
            return consumer.endOffsets(all, TIMEOUT);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> all = partitionsOf(consumer, topics);
            if (all.isEmpty()) {
                return records;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(all, TIMEOUT);
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new FaultException("could not read " + topics + " to its end within " + TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, TIMEOUT).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        return all;
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
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

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "fault-suite-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }
}
