package io.orderpipeline.faults.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import io.orderpipeline.faults.FaultException;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The stack's own Kafka broker process: killed with SIGKILL and started again through the {@link Stack}, records
 * produced with {@code acks=all} to the partition the pipeline's producers pick, and the dead-letter topics
 * {@code error.<destination>.<group>} ({@link Topology.Destination#kafkaDeadLetterTopic}) with
 * {@code x-original-topic} and {@code x-original-partition} (a 4-byte int).
 *
 * <p>Kafka cannot delete one record, so "in the dead-letter topic" means after the committed offset of the consumer
 * group {@code <group>.dlq-replay}: a replay sends each record with {@code acks=all} and waits for the ack, then
 * commits the record's offset + 1, which removes it from what {@link #list} shows. {@link #deadLetterCount()}
 * counts every record ever written (the topics' end offsets).
 */
public final class KafkaAdmin implements BrokerAdmin {

    private final Stack stack;
    private final KafkaTopics topics;

    KafkaAdmin(Stack stack) {
        this.stack = stack;
        this.topics = new KafkaTopics(stack.kafkaBootstrapServers());
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
    public Component leaderNode(String destination, String group, int partition) {
        try {
            int id = topics.leader(destination, partition);
            return Component.clusterNodes(Binder.KAFKA).stream().filter(node -> node.clusterNode() == id).findFirst()
                    .orElseThrow(() -> new FaultException(destination + "-" + partition + " has leader " + id
                            + ", not a node of the stack's cluster"));
        } catch (IOException e) {
            throw new FaultException("cannot find the leader of " + destination + "-" + partition + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        topics.send(List.of(new ProducerRecord<>(destination,
                Topology.partition(partitionKey, Topology.DEFAULT_PARTITION_COUNT),
                partitionKey.getBytes(StandardCharsets.UTF_8), body, recordHeaders)));
    }

    /** Finds each event's record in its topic by the {@code eventId} header and produces copies of it. */
    @Override
    public int republish(List<OutboxEvent> events, int copies) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, List<OutboxEvent>> byTopic = new LinkedHashMap<>();
        events.forEach(e -> byTopic.computeIfAbsent(e.destination(), t -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<OutboxEvent>> topic : byTopic.entrySet()) {
            Set<String> wanted = new HashSet<>();
            topic.getValue().forEach(e -> wanted.add(e.eventId()));
            for (ConsumerRecord<byte[], byte[]> original : readAll(List.of(topic.getKey()))) {
                Header eventId = original.headers().lastHeader(EventHeaders.EVENT_ID);
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
        topics.send(records);
        return records.size();
    }

    @Override
    public long deadLetterCount() {
        try {
            return topics.endOffsets(deadLetterTopics(Topology.subscriptions())).values().stream()
                    .mapToLong(Long::longValue).sum();
        } catch (IOException e) {
            throw new FaultException("cannot count Kafka's dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Listing> list(List<Subscription> subscriptions) throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            List<DeadLetter> messages = new ArrayList<>();
            read(subscription, (record, consumer) -> messages.add(toDeadLetter(record)));
            listings.add(new Listing(subscription, topic(subscription), messages));
        }
        return listings;
    }

    @Override
    public int replay(List<Subscription> subscriptions, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException {
        if (dryRun) {
            return list(subscriptions).stream().mapToInt(listing -> {
                listing.messages().forEach(replayed);
                return listing.messages().size();
            }).sum();
        }
        int[] count = {0};
        try (KafkaProducer<byte[], byte[]> producer = topics.producer()) {
            for (Subscription subscription : subscriptions) {
                read(subscription, (record, consumer) -> {
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
        // clients are opened per call
    }

    /** Callback for a dead letter, with the consumer that may commit it. */
    private interface RecordAction {
        void apply(ConsumerRecord<byte[], byte[]> record, KafkaConsumer<byte[], byte[]> consumer) throws IOException;
    }

    /**
     * Reads the records after the replay group's committed offsets up to the end offsets taken at the start, so
     * records dead-lettered again during a replay wait for the next one.
     */
    private void read(Subscription subscription, RecordAction action) throws IOException {
        String topic = topic(subscription);
        List<TopicPartition> partitions = topics.partitions(topic);
        if (partitions.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = topics.consumer(subscription.group() + ".dlq-replay")) {
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
            long deadline = System.nanoTime() + KafkaTopics.TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not read " + topic + " up to its end within "
                            + KafkaTopics.TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        action.apply(record, consumer);
                    }
                }
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(List<String> names) {
        try {
            return topics.readAll(names);
        } catch (IOException e) {
            throw new FaultException("cannot read " + names + ": " + e.getMessage(), e);
        }
    }

    private static String topic(Subscription subscription) {
        return subscription.destination().kafkaDeadLetterTopic(subscription.group());
    }

    private static List<String> deadLetterTopics(List<Subscription> subscriptions) {
        return subscriptions.stream().map(KafkaAdmin::topic).toList();
    }

    private static String unquote(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
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
