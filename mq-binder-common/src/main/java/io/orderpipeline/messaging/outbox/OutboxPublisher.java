package io.orderpipeline.messaging.outbox;

import java.util.List;

/**
 * Publishes outbox records to the broker and tells how many the broker confirmed.
 * One implementation per binder: RabbitMQ publisher confirms, Kafka {@code acks=all} sends.
 */
public interface OutboxPublisher {

    /**
     * Publishes the records in the given order.
     *
     * @param records the records, in ascending id order
     * @return how many of the leading records the broker confirmed (0 to {@code records.size()}); the
     *         rest must be published again (a failure stops at the first unconfirmed record, to keep
     *         each order's events in order)
     */
    int publish(List<OutboxRecord> records);
}
