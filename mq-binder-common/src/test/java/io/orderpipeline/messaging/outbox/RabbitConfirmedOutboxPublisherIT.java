package io.orderpipeline.messaging.outbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.outbox.OutboxRelay.OutboxPublishException;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox relay on a real RabbitMQ (own virtual host {@code it-outbox-confirms}): a row counts as sent only on
 * a positive publisher confirm for a routed message (https://www.rabbitmq.com/docs/confirms#publisher-confirms).
 * A negative confirm (a queue at {@code x-max-length} with {@code x-overflow=reject-publish} makes the broker
 * nack the publish: https://www.rabbitmq.com/docs/maxlength#overflow-behaviour) and a returned message (mandatory
 * publish to an exchange without a bound queue: basic.return {@code NO_ROUTE}) leave the row unsent, and the
 * relay's exception and log say which row and why.
 *
 * <p>The relay's own thread is stopped, so each test drives one round with {@link OutboxRelay#relayOnce()}.
 */
@SpringBootTest(properties = {
        "spring.application.name=outbox-confirms-test",
        "spring.profiles.active=rabbit",
        "spring.datasource.url=jdbc:h2:mem:outbox-confirms;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
        "spring.flyway.locations=classpath:db/inbox,classpath:db/outbox",
        "spring.cloud.stream.output-bindings=orderPlaced-out-0;orderConfirmed-out-0",
        "spring.cloud.stream.bindings.orderPlaced-out-0.destination=" + Destinations.ORDERS_PLACED,
        "spring.cloud.stream.bindings.orderConfirmed-out-0.destination=" + Destinations.ORDERS_CONFIRMED,
        "spring.cloud.stream.function.autodetect=false",
        "pipeline.outbox.enabled=true",
        "pipeline.outbox.confirm-timeout=10s"})
@ExtendWith(OutputCaptureExtension.class)
class RabbitConfirmedOutboxPublisherIT {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @SpringBootApplication
    static class TestApp {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-outbox-confirms");
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

    RabbitContractBroker broker;

    @BeforeEach
    void driveTheRelayByHand() {
        relay.stop();
        jdbc.update("DELETE FROM outbox");
        broker = new RabbitContractBroker(rabbit, 4);
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aNackedPublishLeavesItsRowUnsentAndStopsTheCountThere(CapturedOutput output) {
        assertThat(publisher).isInstanceOf(RabbitConfirmedOutboxPublisher.class);
        // room for one message: the broker nacks the next publish routed to this queue
        TopicExchange exchange = new TopicExchange(Destinations.ORDERS_PLACED, true, false);
        Queue full = new Queue("orders.placed.room-for-one", true, false, false,
                Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        broker.admin().declareExchange(exchange);
        broker.admin().declareQueue(full);
        broker.admin().declareBinding(BindingBuilder.bind(full).to(exchange).with("#"));
        OrderPlaced accepted = placed();
        OrderPlaced refused = placed();
        tx.executeWithoutResult(status -> {
            outbox.append(Destinations.ORDERS_PLACED, accepted);
            outbox.append(Destinations.ORDERS_PLACED, refused);
        });

        assertThatThrownBy(relay::relayOnce).isInstanceOf(OutboxPublishException.class)
                .hasMessage("1 of 2 outbox rows not confirmed, first " + refused.eventId());

        assertThat(sentAt(accepted.eventId())).as("confirmed: marked sent").isNotNull();
        assertThat(sentAt(refused.eventId())).as("nacked: left for the next round").isNull();
        assertThat(output).contains("Broker nacked outbox event " + refused.eventId());
        assertThat(broker.admin().getQueueInfo(full.getName()).getMessageCount()).isEqualTo(1);
    }

    @Test
    void aReturnedUnroutableMessageLeavesItsRowUnsent(CapturedOutput output) {
        // no queue is bound to orders.confirmed in this virtual host (no required-groups here): nowhere to route
        OrderConfirmed unroutable = new OrderConfirmed(UUID.randomUUID(), Instant.now(), "order-r", "c-1",
                new BigDecimal("12.50"));
        tx.executeWithoutResult(status -> outbox.append(Destinations.ORDERS_CONFIRMED, unroutable));

        assertThatThrownBy(relay::relayOnce).isInstanceOf(OutboxPublishException.class)
                .hasMessage("1 of 1 outbox rows not confirmed, first " + unroutable.eventId());

        assertThat(sentAt(unroutable.eventId())).isNull();
        assertThat(relay.backlog()).isEqualTo(1);
        assertThat(output).contains("Outbox event " + unroutable.eventId() + " was returned unroutable: NO_ROUTE");
    }

    @Test
    void theCountIsOnlyTheLeadingConfirmedRecords() {
        TopicExchange exchange = new TopicExchange(Destinations.ORDERS_CONFIRMED, true, false);
        Queue queue = new Queue("orders.confirmed.outbox-confirms-test", true, false, false);
        broker.admin().declareExchange(exchange);
        broker.admin().declareQueue(queue);
        broker.admin().declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
        List<OutboxRecord> batch = List.of(
                record(Destinations.ORDERS_CONFIRMED, "order-1"),
                record(Destinations.ORDERS_CONFIRMED, "order-2"),
                // unroutable: nothing bound to orders.placed here but the test above's full queue, if it ran first
                record(Destinations.ORDERS_PLACED + ".nowhere", "order-3"),
                record(Destinations.ORDERS_CONFIRMED, "order-4"));

        assertThat(publisher.publish(batch)).isEqualTo(2);
    }

    private Object sentAt(UUID eventId) {
        return jdbc.queryForObject("SELECT sent_at FROM outbox WHERE event_id = ?", Object.class, eventId.toString());
    }

    private static OrderPlaced placed() {
        return new OrderPlaced(UUID.randomUUID(), Instant.now(), "order-" + UUID.randomUUID(), "c-1",
                List.of(new OrderLine("SKU-0001", 1)));
    }

    private static OutboxRecord record(String destination, String orderId) {
        return new OutboxRecord(0, UUID.randomUUID(), "OrderConfirmed", destination, orderId,
                "{\"orderId\":\"" + orderId + "\"}");
    }
}
