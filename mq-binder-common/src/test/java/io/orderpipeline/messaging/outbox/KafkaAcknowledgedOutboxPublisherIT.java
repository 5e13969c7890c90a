package io.orderpipeline.messaging.outbox;

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
import java.util.function.Predicate;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay on a real Kafka broker (an embedded KRaft broker): batches handed to the producer without
 * waiting for each send, rows marked sent only when acknowledged.
 */
@SpringBootTest(properties = {
        "spring.application.name=outbox-kafka-test",
        "spring.profiles.active=kafka",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:outbox-kafka;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox,classpath:db/outbox",
        "spring.cloud.stream.output-bindings=orderPlaced-out-0;orderConfirmed-out-0",
        "spring.cloud.stream.bindings.orderPlaced-out-0.destination=" + Destinations.ORDERS_PLACED,
        "spring.cloud.stream.bindings.orderConfirmed-out-0.destination=" + Destinations.ORDERS_CONFIRMED,
        "spring.cloud.stream.function.autodetect=false",
        "pipeline.outbox.enabled=true",
        "pipeline.outbox.poll-interval=50ms",
        "pipeline.outbox.confirm-timeout=10s"})
// records over 100 kB are refused by the broker (RECORD_TOO_LARGE), not by the producer (max.request.size 1 MB)
@EmbeddedKafka(partitions = 4, brokerProperties = "message.max.bytes=100000")
class KafkaAcknowledgedOutboxPublisherIT {

    @SpringBootApplication
    static class TestApp {
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxPublisher publisher;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void relaysEveryCommittedEventToItsOrdersPartitionAndMarksItSentOnceAcknowledged() {
        assertThat(publisher).isInstanceOf(KafkaAcknowledgedOutboxPublisher.class);
        List<OrderPlaced> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(placed("order-" + (i % 25)));
        }

        tx.executeWithoutResult(status -> events.forEach(event -> outbox.append(Destinations.ORDERS_PLACED, event)));

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.backlog() == 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", Long.class))
                .isEqualTo(250);
        List<ConsumerRecord<byte[], byte[]>> received = readAll(Destinations.ORDERS_PLACED, all -> all.size() >= 250);
        Set<String> eventIds = new HashSet<>();
        Map<String, Integer> partitionOfOrder = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            eventIds.add(header(record, EventHeaders.EVENT_ID));
            Integer earlier = partitionOfOrder.putIfAbsent(header(record, EventHeaders.PARTITION_KEY), record.partition());
            assertThat(earlier == null || earlier == record.partition())
                    .as("all events of one order on one partition").isTrue();
        }
        assertThat(eventIds).containsExactlyInAnyOrderElementsOf(
                events.stream().map(event -> event.eventId().toString()).toList());
        assertThat(new HashSet<>(partitionOfOrder.values())).hasSizeGreaterThan(1);
    }

    @Test
    void handsTheWholeBatchToTheProducerAndCountsOnlyTheRecordsBeforeTheFirstOneTheBrokerRefused() {
        List<OutboxRecord> batch = List.of(
                record("order-a", "{\"orderId\":\"order-a\"}"),
                record("order-b", "{\"orderId\":\"order-b\"}"),
                // accepted by the producer, refused by the broker: its send future fails after the send returned
                record("order-c", "{\"padding\":\"" + "x".repeat(500_000) + "\"}"),
                record("order-d", "{\"orderId\":\"order-d\"}"));

        assertThat(publisher.publish(batch)).isEqualTo(2);

        // order-d went out before order-c's refusal was known (asynchronous sends), yet is not counted: its row
        // stays unsent and is sent again, which the consumers' processed-messages check absorbs
        Set<String> ofBatch = new HashSet<>(batch.stream().map(record -> record.eventId().toString()).toList());
        List<String> eventIds = readAll(Destinations.ORDERS_CONFIRMED, received -> received.stream()
                .filter(record -> ofBatch.contains(header(record, EventHeaders.EVENT_ID))).count() >= 3).stream()
                .map(received -> header(received, EventHeaders.EVENT_ID))
                .filter(ofBatch::contains)
                .toList();
        assertThat(eventIds).containsExactlyInAnyOrder(batch.get(0).eventId().toString(),
                batch.get(1).eventId().toString(), batch.get(3).eventId().toString());
    }

    @Test
    void countsNothingFromTheFirstRecordTheProducerRefusedAtOnce() {
        // over the producer's max.request.size (1 MB): refused inside the send call, before anything is sent
        List<OutboxRecord> batch = List.of(
                record("order-e", "{\"orderId\":\"order-e\"}"),
                record("order-f", "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                record("order-g", "{\"orderId\":\"order-g\"}"));

        assertThat(publisher.publish(batch)).isEqualTo(1);
    }

    private static OrderPlaced placed(String orderId) {
        return new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, "c-1", List.of(new OrderLine("SKU-0001", 1)));
    }

    private static OutboxRecord record(String orderId, String payload) {
        return new OutboxRecord(0, UUID.randomUUID(), "OrderConfirmed", Destinations.ORDERS_CONFIRMED, orderId, payload);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "outbox-reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return enough.test(received);
            });
        }
        return received;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
