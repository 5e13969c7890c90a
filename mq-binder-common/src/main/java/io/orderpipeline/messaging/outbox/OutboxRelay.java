package io.orderpipeline.messaging.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays outbox rows to the broker: reads unsent rows in id order, publishes them through the
 * binder's {@link OutboxPublisher}, and marks sent exactly those the broker confirmed.
 *
 * <p>One thread per service instance. It wakes when a transaction that appended to the outbox
 * commits, and polls every {@link OutboxProperties#pollInterval()} in any case, so rows left by a crash
 * or a broker outage go out once the broker is back. A failed round is retried after a pause that
 * doubles from 100 ms up to {@link OutboxProperties#maxBackoff()}.
 *
 * <p>Its writes (marking rows sent, purging old ones) run in transactions of their own, so they hold when the
 * pool hands out connections with auto-commit off ({@code spring.datasource.hikari.auto-commit=false}), where a
 * statement outside a transaction would be rolled back when the connection goes back to the pool.
 *
 * <p>Delivery is at least once: a crash after the confirm and before the row is marked sends the row
 * again, which the consumers' processed-messages check turns into a no-op.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private Instant nextPurge = Instant.MIN;

    /**
     * @param jdbc       the service's database, holding table {@code outbox}
     * @param tx         transactions on that database, for the relay's writes
     * @param publisher  the binder's confirming publisher
     * @param properties batch size, intervals and retention
     * @param clock      stamps {@code sent_at}
     */
    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxPublisher publisher, OutboxProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** Asks the relay to look at the outbox now, for example after a commit that appended to it. */
    public void wakeUp() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** @return the number of outbox rows not yet confirmed by the broker */
    public long backlog() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Publishes one batch of unsent rows.
     *
     * @return how many rows were confirmed and marked sent
     * @throws OutboxPublishException if the broker did not confirm every row of the batch
     */
    public int relayOnce() {
        List<OutboxRecord> batch = jdbc.query("""
                SELECT id, event_id, event_type, destination, partition_key, payload, trace_parent, trace_state
                FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?""",
                (rs, n) -> new OutboxRecord(rs.getLong(1), UUID.fromString(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                properties.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        int confirmed = publisher.publish(batch);
        markSent(batch.subList(0, confirmed));
        if (confirmed < batch.size()) {
            throw new OutboxPublishException(batch.size() - confirmed + " of " + batch.size()
                    + " outbox rows not confirmed, first " + batch.get(confirmed).eventId());
        }
        return confirmed;
    }

    private void markSent(List<OutboxRecord> sent) {
        if (sent.isEmpty()) {
            return;
        }
        String placeholders = String.join(",", Collections.nCopies(sent.size(), "?"));
        Object[] args = new Object[sent.size() + 1];
        args[0] = Timestamp.from(clock.instant());
        for (int i = 0; i < sent.size(); i++) {
            args[i + 1] = sent.get(i).id();
        }
        tx.executeWithoutResult(status -> jdbc.update("UPDATE outbox SET sent_at = ? WHERE id IN (" + placeholders + ")", args));
    }

    private void purgeSentRows() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        tx.executeWithoutResult(status -> jdbc.update("DELETE FROM outbox WHERE sent_at < ?",
                Timestamp.from(now.minus(properties.retention()))));
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                int published = relayOnce();
                backoffMs = 0;
                purgeSentRows();
                if (published < properties.batchSize()) {
                    signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                backoffMs = Math.min(backoffMs == 0 ? 100 : backoffMs * 2, properties.maxBackoff().toMillis());
                log.warn("Outbox relay round failed, next try in {} ms: {}", backoffMs, e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(properties.confirmTimeout().toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the bindings, so the first round finds the output bindings ready. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** Thrown by {@link #relayOnce()} when the broker did not confirm a whole batch. */
    public static class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message) {
            super(message);
        }
    }
}
