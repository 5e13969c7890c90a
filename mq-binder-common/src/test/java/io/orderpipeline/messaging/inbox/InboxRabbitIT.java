package io.orderpipeline.messaging.inbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox consumer bean on the RabbitMQ binder with the pipeline's Rabbit defaults (the local broker,
 * {@code RABBITMQ_HOST}/{@code RABBITMQ_PORT}/{@code RABBITMQ_VHOST}; a destination named for this run): the binder
 * hands over one {@code byte[]} at a time, a redelivery and a reordered copy are skipped and counted, and an
 * unreadable message goes to the group's dead-letter queue with its cause.
 */
@SpringBootTest(properties = {
        "spring.application.name=inbox-rabbit-test",
        "spring.profiles.active=rabbit",
        "spring.datasource.url=jdbc:h2:mem:inbox-rabbit;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox",
        "spring.cloud.function.definition=applyOne",
        "spring.cloud.stream.bindings.applyOne-in-0.destination=" + InboxRabbitIT.DESTINATION,
        "spring.cloud.stream.bindings.applyOne-in-0.group=inbox-rabbit-test",
        // one queue bound with '#', so the test publishes without the producer's partition routing keys
        "spring.cloud.stream.bindings.applyOne-in-0.consumer.partitioned=false"})
class InboxRabbitIT {

    static final String DESTINATION = "inbox.checked.it";
    static final String QUEUE = DESTINATION + ".inbox-rabbit-test";

    @SpringBootApplication
    static class TestApp {

        @Bean
        Consumer<org.springframework.messaging.Message<?>> applyOne(Inbox inbox, JdbcTemplate jdbc) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS rabbit_effect (order_id VARCHAR(64), sequence BIGINT)");
            return inbox.consumer(OrderConfirmed.class, event -> jdbc.update(
                    "INSERT INTO rabbit_effect (order_id, sequence) VALUES (?, ?)", event.orderId(), event.sequence()));
        }
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    /** Dead letters of an earlier run would be read first. */
    @BeforeEach
    void purgeDeadLetters() {
        if (admin.getQueueProperties(QUEUE + ".dlq") != null) {
            admin.purgeQueue(QUEUE + ".dlq", false);
        }
    }

    @Test
    void appliesEachMessageOnceSkipsReorderedCopiesAndDeadLettersAnUnreadableOneAtOnce() {
        String orderId = "order-" + UUID.randomUUID();
        OrderConfirmed confirmed = new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, "c-1",
                new BigDecimal("20.00"), 3);
        OrderConfirmed reordered = new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, "c-1",
                new BigDecimal("20.00"), 2);
        String unreadable = "not JSON {" + orderId;

        for (byte[] payload : List.of(json.writeValueAsBytes(confirmed), json.writeValueAsBytes(confirmed),
                json.writeValueAsBytes(reordered), unreadable.getBytes(StandardCharsets.UTF_8))) {
            MessageProperties properties = new MessageProperties();
            properties.setContentType("application/json");
            rabbit.send(DESTINATION, orderId, new Message(payload, properties));
        }

        Message dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> rabbit.receive(QUEUE + ".dlq", 200), message -> message != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(unreadable);
        // the binder's own headers; the x-exception-cause-* headers are missing on a RabbitMQ dead letter that was not
        // retried (the same with a plain Consumer<OrderConfirmed>), see the library's DeadLetterCauseHeaders
        assertThat(String.valueOf(dead.getMessageProperties().getHeaders().get("x-exception-stacktrace")))
                .contains("MessageConversionException: Payload is not a OrderConfirmed in JSON");
        assertThat(jdbc.queryForList("SELECT sequence FROM rabbit_effect WHERE order_id = ?", Long.class, orderId))
                .containsExactly(3L);
        assertThat(meters.counter(Inbox.DUPLICATES_METRIC, "group", "inbox-rabbit-test").count()).isEqualTo(1);
        assertThat(meters.counter(OutOfOrderEvents.METRIC, "group", "inbox-rabbit-test").count()).isEqualTo(1);
    }
}
