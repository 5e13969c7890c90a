package io.orderpipeline.sms.messaging;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.messaging.converter.MessageConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code x-death} header as RabbitMQ writes it, and what becomes of a parked message that cannot be recorded. */
class BrokerExpiryTests {

    private static final Instant DEATH = Instant.parse("2026-12-04T01:40:03Z");

    @Test
    void readsTheMostRecentDeathOfAnExpiredMessage() {
        List<Map<String, Object>> xDeath = List.of(
                Map.of("queue", "orders.paid.sms-service-2", "reason", "expired", "count", 1L,
                        "exchange", "orders.paid", "routing-keys", List.of("orders.paid-2"), "time", Date.from(DEATH)),
                Map.of("queue", "orders.paid.other-0", "reason", "rejected", "count", 1L));

        BrokerExpiry death = BrokerExpiry.lastDeath(xDeath).orElseThrow();

        assertThat(death).isEqualTo(new BrokerExpiry("orders.paid.sms-service-2", "expired", DEATH));
        assertThat(death.expired()).isTrue();
        assertThat(death.describe(Duration.ofMinutes(10))).isEqualTo(
                "expired in the broker after 600000 ms in orders.paid.sms-service-2 (dead-lettered at 2026-12-04T01:40:03Z)");
    }

    @Test
    void tellsARejectionFromAnExpiry() {
        BrokerExpiry death = BrokerExpiry.lastDeath(List.of(Map.of("queue", "orders.paid.sms-service-0",
                "reason", "rejected"))).orElseThrow();

        assertThat(death.expired()).isFalse();
        assertThat(death.at()).isNull();
        assertThat(death.describe(Duration.ofSeconds(2))).isEqualTo("expired in the broker after 2000 ms in orders.paid.sms-service-0");
    }

    @Test
    void findsNoDeathWithoutAHeaderOrWithoutQueueAndReason() {
        assertThat(BrokerExpiry.lastDeath(null)).isEmpty();
        assertThat(BrokerExpiry.lastDeath(List.of())).isEmpty();
        assertThat(BrokerExpiry.lastDeath("expired")).isEmpty();
        assertThat(BrokerExpiry.lastDeath(List.of(Map.of("reason", "expired")))).isEmpty();
        assertThat(BrokerExpiry.lastDeath(List.of("expired"))).isEmpty();
    }

    @Test
    void rejectsIntoTheDlqWhatCanNeverBeRecordedAndRequeuesTheRest() {
        Message parked = new Message(new byte[0], parkedIn("orders.paid.sms-service.expired"));

        assertThatThrownBy(() -> ExpiredMessages.recover(parked, failed(new MessageConversionException("truncated"))))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
        assertThatThrownBy(() -> ExpiredMessages.recover(parked, failed(new IllegalArgumentException("no customer"))))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
        assertThatThrownBy(() -> ExpiredMessages.recover(parked,
                failed(new AmqpRejectAndDontRequeueException("not an expiry"))))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
        assertThatThrownBy(() -> ExpiredMessages.recover(parked, failed(new DataAccessResourceFailureException(
                "database down", new SQLTransientConnectionException("timeout")))))
                .as("the database may come back: it stays parked")
                .isInstanceOf(ImmediateRequeueAmqpException.class);
    }

    private static MessageProperties parkedIn(String queue) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(queue);
        return properties;
    }

    /** As the container hands a listener's failure to the retry's recoverer. */
    private static Throwable failed(Throwable cause) {
        return new ListenerExecutionFailedException("Listener threw exception", cause);
    }
}
