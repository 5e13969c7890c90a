package io.orderpipeline.cli.dlq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka: each binding's dead letters are the records of the topic {@code error.<destination>.<group>}, with
 * {@code x-original-topic} and {@code x-original-partition} (a 4-byte int). Kafka cannot delete one record, so
 * "in the dead-letter topic" means after the committed offset of the consumer group
 * {@code <group>.dlq-replay}: a replay sends each record with {@code acks=all} and waits for the ack, then
 * commits the record's offset + 1, which removes it from what {@code list} shows.
 */
final class KafkaDeadLetters implements DeadLetters {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final String bootstrapServers;

    /** @param bootstrapServers the broker, {@code host:port} */
    KafkaDeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public List<Listing> list(List<ConsumerBinding> bindings) throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (ConsumerBinding binding : bindings) {
            List<DeadLetter> messages = new ArrayList<>();
            read(binding, record -> messages.add(toDeadLetter(record)), null);
            listings.add(new Listing(binding, binding.kafkaTopic(), messages));
        }
        return listings;
    }

    @Override
    public int replay(List<ConsumerBinding> bindings, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException {
        if (dryRun) {
            return list(bindings).stream().mapToInt(listing -> {
                listing.messages().forEach(replayed);
                return listing.messages().size();
            }).sum();
        }
        int[] count = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (ConsumerBinding binding : bindings) {
                read(binding, null, (record, consumer) -> {
                    DeadLetter letter = toDeadLetter(record);
                    if (letter.originalDestination().isEmpty()) {
                        throw new IOException("record " + record.offset() + " of " + record.topic()
                                + " has no x-original-topic header; stopped there");
                    }
                    RecordHeaders headers = new RecordHeaders();
                    for (Header header : record.headers()) {
                        // the cause and the consuming container's delivery count belong to the failed delivery
                        if (!header.key().startsWith("x-exception-") && !"kafka_deliveryAttempt".equals(header.key())) {
                            headers.add(header);
                        }
                    }
                    Integer partition = letter.originalRoute().isEmpty() ? null : Integer.valueOf(letter.originalRoute());
                    try {
                        producer.send(new ProducerRecord<>(letter.originalDestination(), partition, record.key(),
                                record.value(), headers)).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while re-sending", e);
                    } catch (ExecutionException e) {
                        throw new IOException("Kafka did not acknowledge the re-send of record " + record.offset()
                                + " of " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                    replayed.accept(letter);
                    count[0]++;
                });
            }
        }
        return count[0];
    }

    @Override
    public void close() {
    }

    /** Callback for a record in replay, with the consumer that must commit it. */
    private interface RecordAction {
        void apply(ConsumerRecord<byte[], byte[]> record, KafkaConsumer<byte[], byte[]> consumer) throws IOException;
    }

    /**
     * Reads the records after the replay group's committed offsets up to the end offsets taken at the start, so
     * records dead-lettered again during a replay wait for the next one.
     */
    private void read(ConsumerBinding binding, Consumer<ConsumerRecord<byte[], byte[]>> listed, RecordAction action)
            throws IOException {
        String topic = binding.kafkaTopic();
        List<TopicPartition> partitions = partitions(topic);
        if (partitions.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, binding.group() + ".dlq-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                if (from == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, from.offset());
                }
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + topic + " up to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (action != null) {
                        action.apply(record, consumer);
                    } else {
                        listed.accept(record);
                    }
                }
            }
        }
    }

    private List<TopicPartition> partitions(String topic) throws IOException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return List.of();
            }
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header));
        }
        return new DeadLetter(record.topic(), record.value() == null ? new byte[0] : record.value(), headers,
                headers.getOrDefault("x-original-topic", ""),
                headers.getOrDefault("x-original-partition", ""));
    }

    /** The binder writes partition and offset as big-endian numbers, everything else as UTF-8 text. */
    private static String text(Header header) {
        byte[] value = header.value() == null ? new byte[0] : header.value();
        return switch (header.key()) {
            case "x-original-partition" -> value.length == 4 ? Integer.toString(ByteBuffer.wrap(value).getInt()) : "";
            case "x-original-offset", "x-original-timestamp" ->
                    value.length == 8 ? Long.toString(ByteBuffer.wrap(value).getLong()) : "";
            default -> new String(value, StandardCharsets.UTF_8);
        };
    }
}
