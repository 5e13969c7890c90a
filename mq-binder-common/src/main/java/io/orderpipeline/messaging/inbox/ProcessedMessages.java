package io.orderpipeline.messaging.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of an idempotent consumer: the table {@code processed_message(consumer_group, event_id)}.
 *
 * <p>A consumer calls {@link #markProcessed} first, inside the transaction that applies the event's
 * effect. The primary key makes the insert the arbiter: a concurrent duplicate blocks on the key lock
 * until the first transaction ends, then gets "already processed". If the effect's transaction rolls
 * back, so does the row, and the redelivery is applied as if it were the first delivery.
 */
public class ProcessedMessages {

    private final JdbcTemplate jdbc;
    private final String defaultGroup;
    private final Clock clock;
    private final MeterRegistry meters;

    /**
     * @param jdbc         the service's database
     * @param defaultGroup the consumer group used by {@link #markProcessed(UUID)}: the application name
     * @param clock        the clock that stamps {@code processed_at}
     * @param meters       where the counter {@code inbox.duplicates} (tag {@code group}) counts skipped
     *                     redeliveries
     */
    public ProcessedMessages(JdbcTemplate jdbc, String defaultGroup, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.defaultGroup = defaultGroup;
        this.clock = clock;
        this.meters = meters;
    }

    /** As the full constructor, without metrics. */
    public ProcessedMessages(JdbcTemplate jdbc, String defaultGroup, Clock clock) {
        this(jdbc, defaultGroup, clock, new SimpleMeterRegistry());
    }

    /**
     * Records that this service's consumer group applies the event, in the caller's transaction.
     *
     * @param eventId the event's id
     * @return {@code true} if this is the first delivery and the effect must be applied,
     *         {@code false} if the event was already applied (acknowledge and skip)
     * @throws IllegalArgumentException if the event id is null
     * @throws org.springframework.transaction.IllegalTransactionStateException if no transaction is active
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(UUID eventId) {
        return markProcessed(defaultGroup, eventId);
    }

    /**
     * As {@link #markProcessed(UUID)}, for an explicit consumer group.
     *
     * @param consumerGroup the consumer group, at most 100 characters
     * @param eventId       the event's id
     * @return {@code true} on first delivery, {@code false} for a duplicate
     * @throws IllegalArgumentException if the event id is null: such an event can never be applied, so it
     *         is dead-lettered without retries
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(String consumerGroup, UUID eventId) {
        if (eventId == null) {
            throw new IllegalArgumentException("Event without eventId: cannot be applied idempotently");
        }
        try {
            jdbc.update("INSERT INTO processed_message (consumer_group, event_id, processed_at) VALUES (?, ?, ?)",
                    consumerGroup, eventId.toString(), Timestamp.from(clock.instant()));
            return true;
        }
        catch (DuplicateKeyException alreadyProcessed) {
            Counter.builder("inbox.duplicates")
                    .description("Redelivered events skipped because their consumer group had applied them")
                    .tag("group", consumerGroup)
                    .register(meters)
                    .increment();
            return false;
        }
    }
}
