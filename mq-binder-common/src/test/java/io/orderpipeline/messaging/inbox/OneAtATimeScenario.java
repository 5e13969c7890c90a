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
import io.orderpipeline.messaging.deadletter.DeadLetterMetrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the one-at-a-time broker ITs ({@link InboxRabbitIT}, {@link InboxRecordKafkaIT}) deliver, in this order, to
 * one order: an event, the same event again, a reordered copy (a new event id, an older sequence) and a payload that
 * is not JSON; and what the inbox must have made of them.
 */
final class OneAtATimeScenario {

    final String orderId = "order-" + UUID.randomUUID();
    final String unreadable = "not JSON {" + orderId;

    /** The consumer bean under test: one row in {@code effect} per applied event. */
    static Consumer<Message<?>> consumer(Inbox inbox, JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS effect (order_id VARCHAR(64), sequence BIGINT)");
        return inbox.consumer(OrderConfirmed.class, event -> jdbc.update(
                "INSERT INTO effect (order_id, sequence) VALUES (?, ?)", event.orderId(), event.sequence()));
    }

    List<byte[]> payloads(JsonMapper json) {
        byte[] confirmed = json.writeValueAsBytes(confirmed(3));
        return List.of(confirmed, confirmed, json.writeValueAsBytes(confirmed(2)),
                unreadable.getBytes(StandardCharsets.UTF_8));
    }

    /** Once the unreadable payload was dead-lettered: the event applied once, the copies skipped and counted. */
    void assertOnlyTheFirstDeliveryApplied(JdbcTemplate jdbc, MeterRegistry meters, String group) {
        assertThat(jdbc.queryForList("SELECT sequence FROM effect WHERE order_id = ?", Long.class, orderId))
                .containsExactly(3L);
        assertThat(meters.counter(Inbox.DUPLICATES_METRIC, "group", group).count()).isEqualTo(1);
        assertThat(meters.counter(OutOfOrderEvents.METRIC, "group", group).count()).isEqualTo(1);
    }

    /**
     * The unreadable payload counted once in {@value DeadLetterMetrics#METRIC}; awaited (at most 10 s), as the
     * counter moves once the binder's dead-letter handler returns, which may be after the dead letter is readable.
     */
    void assertOneDeadLetterCounted(MeterRegistry meters, String destination, String group) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.find(DeadLetterMetrics.METRIC)
                .tags("destination", destination, "group", group).counter())
                .as("%s{destination=%s,group=%s}", DeadLetterMetrics.METRIC, destination, group)
                .isNotNull()
                .extracting(counter -> counter.count()).isEqualTo(1.0));
    }

    private OrderConfirmed confirmed(long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, "c-1", new BigDecimal("20.00"), sequence);
    }
}
