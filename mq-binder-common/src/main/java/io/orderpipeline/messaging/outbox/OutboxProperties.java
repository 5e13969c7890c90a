package io.orderpipeline.messaging.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transactional outbox and its relay ({@code pipeline.outbox.*}).
 *
 * @param enabled        whether this service has an outbox table and runs the relay
 * @param batchSize      rows read and published per relay round, 1 or more
 * @param pollInterval   how long the relay waits for a commit signal before it looks anyway
 * @param confirmTimeout the longest wait for the broker's confirms (RabbitMQ) or acknowledgements (Kafka) of one
 *                       batch, counted from its last send; rows not confirmed by then stay unsent and are
 *                       retried in the next round. Also how long a stopping relay waits for its thread
 * @param maxBackoff     the longest pause between failed relay rounds (the pause doubles from 100 ms)
 * @param retention      how long sent rows stay in the table before they are purged
 */
@ConfigurationProperties("pipeline.outbox")
public record OutboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("100") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("1h") Duration retention) {
}
