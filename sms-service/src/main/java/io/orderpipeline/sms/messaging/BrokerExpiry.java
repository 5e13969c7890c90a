package io.orderpipeline.sms.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a message reached a parking queue, read from the {@code x-death} header RabbitMQ adds when it dead-letters a
 * message (RabbitMQ docs, "Dead Letter Exchanges", "Dead-Lettered Messages"): an array of tables, the most recent
 * death first, each with {@code queue}, {@code reason} ({@code expired}, {@code rejected}, {@code maxlen},
 * {@code delivery_limit}), {@code count}, {@code exchange}, {@code routing-keys} and {@code time} (an AMQP timestamp,
 * whole seconds).
 *
 * @param queue  the queue the message died in, e.g. {@code orders.paid.sms-service-2}
 * @param reason why, e.g. {@code expired}
 * @param at     when it was dead-lettered (UTC, whole seconds); null if the broker gave no time
 */
record BrokerExpiry(String queue, String reason, Instant at) {

    /** The {@code x-death} reason of a message whose TTL ran out in its queue. */
    static final String EXPIRED = "expired";

    /**
     * @param xDeath the {@code x-death} header as Spring AMQP hands it over ({@code List<Map<String, ?>>}), or null
     * @return the most recent death, if the header has one with a queue and a reason
     */
    static Optional<BrokerExpiry> lastDeath(Object xDeath) {
        if (!(xDeath instanceof List<?> deaths) || deaths.isEmpty() || !(deaths.get(0) instanceof Map<?, ?> death)) {
            return Optional.empty();
        }
        Object queue = death.get("queue");
        Object reason = death.get("reason");
        if (queue == null || reason == null) {
            return Optional.empty();
        }
        Object time = death.get("time");
        Instant at = time instanceof Date date ? date.toInstant() : null;
        return Optional.of(new BrokerExpiry(String.valueOf(queue), String.valueOf(reason), at));
    }

    /** @return whether the message's TTL ran out (rather than a rejection, a length limit or a delivery limit) */
    boolean expired() {
        return EXPIRED.equals(reason);
    }

    /**
     * @param ttl the queue's TTL
     * @return the reason recorded with the notification, e.g. {@code expired in the broker after 600000 ms in
     *         orders.paid.sms-service-2 (dead-lettered at 2026-12-04T01:40:03Z)}
     */
    String describe(Duration ttl) {
        return "expired in the broker after " + ttl.toMillis() + " ms in " + queue
                + (at == null ? "" : " (dead-lettered at " + at + ")");
    }
}
