package io.orderpipeline.messaging.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
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
            return OneAtATimeScenario.consumer(inbox, jdbc);
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
        OneAtATimeScenario scenario = new OneAtATimeScenario();

        for (byte[] payload : scenario.payloads(json)) {
            MessageProperties properties = new MessageProperties();
            properties.setContentType("application/json");
            rabbit.send(DESTINATION, scenario.orderId, new Message(payload, properties));
        }

        Message dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> rabbit.receive(QUEUE + ".dlq", 200), message -> message != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(scenario.unreadable);
        // the binder's own headers; the x-exception-cause-* headers are missing on a RabbitMQ dead letter that was not
        // retried (the same with a plain Consumer<OrderConfirmed>), see the library's DeadLetterCauseHeaders
        assertThat(String.valueOf(dead.getMessageProperties().getHeaders().get("x-exception-stacktrace")))
                .contains("MessageConversionException: Payload is not a OrderConfirmed in JSON");
        scenario.assertOnlyTheFirstDeliveryApplied(jdbc, meters, "inbox-rabbit-test");
        scenario.assertOneDeadLetterCounted(meters, DESTINATION, "inbox-rabbit-test");
    }
}
