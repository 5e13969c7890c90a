package io.orderpipeline.messaging.outbox;

import java.sql.Timestamp;
import java.time.Clock;

import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.tracing.MessageTracing;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events to publish in the transactional outbox (table {@code outbox}).
 *
 * <p>{@link #append} must run inside the transaction that changes the state the event describes, so
 * that both commit or neither does. Nothing is sent to the broker here: after the commit the
 * {@link OutboxRelay} is woken and publishes the row, and marks it sent once the broker confirmed it.
 *
 * <p>With tracing on, the row also keeps the W3C context of the span current at {@link #append} (columns
 * {@code trace_parent}, {@code trace_state}), so the relay's publish continues that trace.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable afterCommit;
    private final MessageTracing tracing;

    /** An outbox that stores no trace context. */
    public Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, Runnable afterCommit) {
        this(jdbc, json, clock, afterCommit, MessageTracing.NOOP);
    }

    /**
     * @param jdbc        the service's database
     * @param json        serializes events to the JSON payload
     * @param clock       stamps {@code created_at}
     * @param afterCommit run after the enclosing transaction committed (wakes the relay)
     * @param tracing     gives the current span's context to store with the row
     */
    public Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, Runnable afterCommit, MessageTracing tracing) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.tracing = tracing;
    }

    /**
     * Appends an event to the outbox in the caller's transaction.
     *
     * @param destination the destination to publish to, one of
     *                    {@link io.orderpipeline.messaging.contract.Destinations}
     * @param event       the event; its order id is the partition key
     * @throws org.springframework.transaction.IllegalTransactionStateException if no transaction is active
     * @throws org.springframework.dao.DuplicateKeyException if an event with the same id was appended before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String destination, DomainEvent event) {
        MessageTracing.StoredContext trace = tracing.current();
        if (trace == null) {
            jdbc.update("""
                    INSERT INTO outbox (event_id, event_type, destination, partition_key, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""",
                    event.eventId().toString(), event.getClass().getSimpleName(), destination, event.orderId(),
                    json.writeValueAsString(event), Timestamp.from(clock.instant()));
        }
        else {
            jdbc.update("""
                    INSERT INTO outbox (event_id, event_type, destination, partition_key, payload, created_at,
                                        trace_parent, trace_state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    event.eventId().toString(), event.getClass().getSimpleName(), destination, event.orderId(),
                    json.writeValueAsString(event), Timestamp.from(clock.instant()), trace.traceParent(),
                    trace.traceState());
        }
        wakeRelayAfterCommit();
    }

    /**
     * Marks the sent rows of one order's event type unsent again, so that the relay publishes them once more with
     * their original event ids: the consumers that applied them skip them as duplicates (their inbox), those that
     * never got them apply them. What a reconciliation's repair uses.
     *
     * @param partitionKey the order id
     * @param eventType    the event's simple class name, e.g. {@code OrderConfirmed}
     * @return the rows marked; 0 if none was sent: never appended, not sent yet, or purged after the relay's
     *         {@code retention} (default 1 h)
     */
    @Transactional
    public int resend(String partitionKey, String eventType) {
        int rows = jdbc.update("UPDATE outbox SET sent_at = NULL WHERE partition_key = ? AND event_type = ?"
                + " AND sent_at IS NOT NULL", partitionKey, eventType);
        if (rows > 0) {
            wakeRelayAfterCommit();
        }
        return rows;
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.run();
            }
        });
    }
}
