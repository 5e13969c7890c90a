package io.orderpipeline.messaging.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.deadletter.DeadLetterCauseHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
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
 * The same inbox consumer bean as in {@link InboxBatchKafkaIT}, on a binding in record mode (batch consumers off):
 * the binder hands over one {@code byte[]} at a time, a redelivery and a reordered copy are skipped and counted, and
 * an unreadable record is dead-lettered at once with its cause.
 */
@SpringBootTest(properties = {
        "spring.application.name=record-test",
        "spring.profiles.active=kafka",
        "pipeline.messaging.batch-consumers=false",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.datasource.url=jdbc:h2:mem:record-kafka;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox",
        "spring.cloud.function.definition=applyOne",
        "spring.cloud.stream.bindings.applyOne-in-0.destination=" + InboxRecordKafkaIT.TOPIC,
        "spring.cloud.stream.bindings.applyOne-in-0.group=record-test",
        "spring.cloud.stream.bindings.applyOne-in-0.consumer.batch-mode=${pipeline.messaging.batch-consumers}"})
@EmbeddedKafka(partitions = 1, topics = InboxRecordKafkaIT.TOPIC)
class InboxRecordKafkaIT {

    static final String TOPIC = "record.test";

    @SpringBootApplication
    static class TestApp {

        @Bean
        Consumer<Message<?>> applyOne(Inbox inbox, JdbcTemplate jdbc) {
            return OneAtATimeScenario.consumer(inbox, jdbc);
        }
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    @Test
    void appliesEachRecordOnceSkipsReorderedCopiesAndDeadLettersAnUnreadableOneAtOnce() {
        OneAtATimeScenario scenario = new OneAtATimeScenario();

        KafkaTemplate<byte[], byte[]> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new ByteArraySerializer(), new ByteArraySerializer()));
        try {
            for (byte[] payload : scenario.payloads(json)) {
                producer.send(TOPIC, scenario.orderId.getBytes(StandardCharsets.UTF_8), payload);
            }
            producer.flush();
        } finally {
            producer.destroy();
        }

        ConsumerRecord<byte[], byte[]> dead = deadLetter();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(scenario.unreadable);
        assertThat(new String(dead.headers().lastHeader(DeadLetterCauseHeaders.CAUSE_CLASS).value(),
                StandardCharsets.UTF_8)).isEqualTo("org.springframework.messaging.converter.MessageConversionException");
        assertThat(new String(dead.headers().lastHeader(DeadLetterCauseHeaders.ATTEMPTS).value(),
                StandardCharsets.UTF_8)).isEqualTo("1");
        scenario.assertOnlyTheFirstDeliveryApplied(jdbc, meters, "record-test");
        scenario.assertOneDeadLetterCounted(meters, TOPIC, "record-test");
        assertThat(meters.find("consumer.batch.size").summary()).as("no batches in record mode").isNull();
    }

    private ConsumerRecord<byte[], byte[]> deadLetter() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(
                props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of("error." + TOPIC + ".record-test"));
            ConsumerRecord<byte[], byte[]>[] found = new ConsumerRecord[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> found[0] = record);
                return found[0] != null;
            });
            return found[0];
        }
    }
}
