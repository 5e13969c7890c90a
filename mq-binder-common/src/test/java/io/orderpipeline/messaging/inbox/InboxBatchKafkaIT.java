package io.orderpipeline.messaging.inbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.deadletter.DeadLetterCauseHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox's batch consumers on a real Kafka broker (an embedded KRaft broker from spring-kafka-test) with the
 * pipeline's Kafka defaults: the same bean a service declares ({@link Inbox#consumer}, input {@code Message<?>})
 * gets a poll's records as {@code List<byte[]>}; they are applied in one transaction, each event once, and a failed
 * record is retried and dead-lettered alone, with its cause and attempt count, while its neighbours are applied.
 */
@SpringBootTest(properties = {
        "spring.application.name=batch-test",
        "spring.profiles.active=kafka",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:batch-kafka;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox",
        "spring.cloud.function.definition=applyBatch",
        "spring.cloud.stream.bindings.applyBatch-in-0.destination=" + InboxBatchKafkaIT.TOPIC,
        "spring.cloud.stream.bindings.applyBatch-in-0.group=batch-test",
        "spring.cloud.stream.bindings.applyBatch-in-0.consumer.batch-mode=${pipeline.messaging.batch-consumers}",
        "spring.cloud.stream.bindings.applyBatch-in-0.consumer.back-off-initial-interval=50",
        "spring.cloud.stream.bindings.applyBatch-in-0.consumer.back-off-max-interval=100"})
// 4 partitions, as the pipeline's Kafka defaults provision (min-partition-count), one listener thread each
@EmbeddedKafka(partitions = 4, topics = InboxBatchKafkaIT.TOPIC)
class InboxBatchKafkaIT {

    static final String TOPIC = "batch.test";
    static final String DEAD_LETTERS = "error." + TOPIC + ".batch-test";
    static final String BINDING = "applyBatch-in-0";

    @SpringBootApplication
    static class TestApp {

        @Bean
        Consumer<Message<?>> applyBatch(Inbox inbox, Effects effects) {
            return inbox.consumer(OrderConfirmed.class, effects::apply);
        }

        @Bean
        Effects effects(JdbcTemplate jdbc) {
            return new Effects(jdbc);
        }
    }

    /**
     * The effect under test: one row per order. Orders named {@code invalid-*} can never be applied
     * (not retryable), {@code broken-*} fail every time (retryable), {@code flaky-*} fail their first two calls.
     */
    static class Effects {
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final JdbcTemplate jdbc;

        Effects(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Runs in the inbox's transaction, for events to apply only. */
        void apply(OrderConfirmed event) {
            int call = calls.computeIfAbsent(event.orderId(), id -> new AtomicInteger()).incrementAndGet();
            if (event.orderId().startsWith("invalid-")) {
                throw new IllegalArgumentException("order " + event.orderId() + " can never be applied");
            }
            if (event.orderId().startsWith("broken-") || (event.orderId().startsWith("flaky-") && call <= 2)) {
                throw new IllegalStateException("order " + event.orderId() + " failed, call " + call);
            }
            jdbc.update("INSERT INTO batch_effect (order_id, event_id) VALUES (?, ?)", event.orderId(),
                    event.eventId().toString());
        }

        /** @return how often {@link #apply} was called for the order */
        int callsOf(String orderId) {
            AtomicInteger count = calls.get(orderId);
            return count == null ? 0 : count.get();
        }
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    BindingsLifecycleController bindings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Effects effects;

    private KafkaTemplate<byte[], byte[]> producer;

    @BeforeEach
    void setUp() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS batch_effect (order_id VARCHAR(64), event_id VARCHAR(36))");
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @AfterEach
    void tearDown() {
        producer.destroy();
    }

    @Test
    void appliesTheRecordsOfAPollInOneBatchAndEachEventOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payloads.add(payload(confirmed("ok-" + run + "-" + i)));
        }
        // the same events again: redeliveries the inbox must skip
        payloads.addAll(payloads.subList(0, 10));
        // a reordered copy: a new event id, at the position of an event of its order already applied
        payloads.add(payload(new OrderConfirmed(UUID.randomUUID(), Instant.parse("2026-12-01T00:00:00Z"),
                "ok-" + run + "-0", "c-1", new BigDecimal("20.00"), 1)));
        double staleBefore = meters.counter(OutOfOrderEvents.METRIC, "group", "batch-test").count();
        double duplicatesBefore = meters.counter("inbox.duplicates", "group", "batch-test").count();

        sendWhilePaused(payloads);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(effectsOf("ok-" + run)).isEqualTo(40));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.counter("inbox.duplicates", "group", "batch-test").count() - duplicatesBefore)
                        .isEqualTo(10));
        assertThat(meters.counter(OutOfOrderEvents.METRIC, "group", "batch-test").count() - staleBefore)
                .as("the reordered copy").isEqualTo(1);
        assertThat(meters.get("consumer.batch.size").summary().max())
                .as("the 50 records waited for the paused binding and came in batches").isGreaterThan(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_effect WHERE order_id LIKE ?", Long.class,
                "ok-" + run + "%")).isEqualTo(40);
    }

    @Test
    void deadLettersAnUnreadableAndAnInvalidRecordAloneAtOnceAndAppliesTheirNeighbours() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OrderConfirmed invalid = confirmed("invalid-" + run);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            payloads.add(payload(confirmed("n-" + run + "-" + i)));
            if (i == 3) {
                payloads.add(("not JSON {" + run).getBytes(StandardCharsets.UTF_8));
            }
            if (i == 6) {
                payloads.add(payload(invalid));
            }
        }

        sendWhilePaused(payloads);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(effectsOf("n-" + run)).isEqualTo(10));
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(run, 2);
        assertThat(dead).hasSize(2);
        ConsumerRecord<byte[], byte[]> unreadable = dead.get(0);
        assertThat(new String(unreadable.value(), StandardCharsets.UTF_8)).isEqualTo("not JSON {" + run);
        assertThat(header(unreadable, DeadLetterCauseHeaders.CAUSE_CLASS))
                .isEqualTo("org.springframework.messaging.converter.MessageConversionException");
        assertThat(header(unreadable, DeadLetterCauseHeaders.ATTEMPTS)).isEqualTo("1");
        ConsumerRecord<byte[], byte[]> rejected = dead.get(1);
        assertThat(rejected.value()).isEqualTo(payload(invalid));
        assertThat(header(rejected, DeadLetterCauseHeaders.CAUSE_CLASS)).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(header(rejected, DeadLetterCauseHeaders.CAUSE_MESSAGE)).contains("can never be applied");
        assertThat(header(rejected, DeadLetterCauseHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(effects.callsOf(invalid.orderId()))
                .as("not retried: once in the batch's transaction, once alone").isEqualTo(2);
    }

    @Test
    void retriesAFailedRecordAloneThenDeadLettersItWithItsAttemptsWhileAFlakyOneHeals() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OrderConfirmed broken = confirmed("broken-" + run);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            payloads.add(payload(confirmed("r-" + run + "-" + i)));
            if (i == 1) {
                payloads.add(payload(confirmed("flaky-" + run)));
            }
            if (i == 4) {
                payloads.add(payload(broken));
            }
        }

        sendWhilePaused(payloads);

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(run, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(payload(broken));
        assertThat(header(dead.get(0), DeadLetterCauseHeaders.CAUSE_CLASS)).isEqualTo("java.lang.IllegalStateException");
        assertThat(header(dead.get(0), DeadLetterCauseHeaders.ATTEMPTS)).as("max-attempts 3").isEqualTo("3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(effectsOf("r-" + run)).isEqualTo(6);
            assertThat(effectsOf("flaky-" + run)).isEqualTo(1);
        });
        assertThat(effectsOf("broken-" + run)).isZero();
    }

    /** Sends with one key, so all on one partition in this order, while the binding is paused: one backlog. */
    private void sendWhilePaused(List<byte[]> payloads) {
        byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        bindings.changeState(BINDING, State.PAUSED);
        try {
            for (byte[] payload : payloads) {
                producer.send(TOPIC, key, payload);
            }
            producer.flush();
        } finally {
            bindings.changeState(BINDING, State.RESUMED);
        }
    }

    private long effectsOf(String orderPrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM batch_effect WHERE order_id LIKE ?", Long.class,
                orderPrefix + "%");
    }

    /** The dead letters of this run (their payload names it), in topic order, once {@code expected} are there. */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters(String run, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> ofRun = new ArrayList<>();
        try (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(
                props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(run)) {
                        ofRun.add(record);
                    }
                });
                return ofRun.size() >= expected;
            });
            // anything more that was wrongly dead-lettered would be there by now too
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (new String(record.value(), StandardCharsets.UTF_8).contains(run)) {
                    ofRun.add(record);
                }
            });
        }
        return ofRun;
    }

    private byte[] payload(OrderConfirmed event) {
        return json.writeValueAsBytes(event);
    }

    private static OrderConfirmed confirmed(String orderId) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.parse("2026-12-01T00:00:00Z"), orderId, "c-" + orderId,
                new BigDecimal("20.00"), 1);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
