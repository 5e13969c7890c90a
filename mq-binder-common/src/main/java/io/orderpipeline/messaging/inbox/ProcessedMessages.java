package io.orderpipeline.messaging.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox table {@code processed_message(consumer_group, event_id, processed_at, order_id, sequence)}: one row per
 * event a consumer group received, written in the transaction that applies the event (see {@link Inbox}).
 *
 * <p>The primary key {@code (consumer_group, event_id)} makes the insert the arbiter: a concurrent duplicate blocks
 * on the key lock until the first transaction ends, then gets "already processed". If the transaction rolls back,
 * so does the row, and the redelivery is received as if it were the first delivery. Both methods run in the
 * caller's transaction (checked, without a proxy: they run once or twice per consumed event).
 */
public class ProcessedMessages {

    /** The longest order id the table holds ({@code order_id VARCHAR(100)}). */
    public static final int MAX_ORDER_ID_LENGTH = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /**
     * @param jdbc  the service's database
     * @param clock stamps {@code processed_at}
     */
    public ProcessedMessages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that a consumer group received an event: one {@code INSERT}.
     *
     * @param group    the consumer group, at most 100 characters
     * @param eventId  the event's id, not null
     * @param orderId  its order, at most {@value #MAX_ORDER_ID_LENGTH} characters, or null
     * @param sequence its sequence among the order's events; 0 (unknown) is stored as null
     * @return {@code true} on the first delivery, {@code false} if the group received the event before
     * @throws IllegalTransactionStateException if no transaction is active
     */
    public boolean record(String group, UUID eventId, String orderId, long sequence) {
        requireTransaction();
        try {
            jdbc.update("INSERT INTO processed_message (consumer_group, event_id, processed_at, order_id, sequence) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    group, eventId.toString(), Timestamp.from(clock.instant()), orderId, sequence > 0 ? sequence : null);
            return true;
        }
        catch (DuplicateKeyException alreadyProcessed) {
            return false;
        }
    }

    /**
     * The highest sequence of an order's events the group received, other than the given event: one indexed
     * {@code SELECT MAX} (index {@code processed_message_order}).
     *
     * @param group   the consumer group
     * @param orderId the order
     * @param except  the event being received (already recorded in this transaction)
     * @return the highest known sequence, 0 if none is known
     * @throws IllegalTransactionStateException if no transaction is active
     */
    public long highestSequence(String group, String orderId, UUID except) {
        requireTransaction();
        Long highest = jdbc.queryForObject("SELECT MAX(sequence) FROM processed_message "
                + "WHERE consumer_group = ? AND order_id = ? AND event_id <> ?", Long.class, group, orderId,
                except.toString());
        return highest == null ? 0 : highest;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("The inbox is written in the transaction that applies the event");
        }
    }
}
