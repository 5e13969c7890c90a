package io.orderpipeline.sms.messaging;

import java.time.Duration;

import io.orderpipeline.messaging.deadletter.RabbitQueueExpiry;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.sms.notification.Notifier;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On RabbitMQ, the broker expires sms-service's messages itself (issue 16, "Expiry"): the library gives sms-service's
 * partition queues a queue-level TTL of {@code PIPELINE_SMS_MAX_AGE} ({@code pipeline.messaging.rabbit.queue-ttl.groups.sms-service})
 * and parks what expires in {@code <destination>.sms-service.expired} ({@link RabbitQueueExpiry}). This reads those
 * four parking queues and records each message as an EXPIRED notification ({@link ExpiredMessages}); the consumers'
 * own age check ({@link Notifier}) stays, for what the broker delivers late (a redelivery, a retry) and for Kafka.
 *
 * <p>A plain Spring AMQP listener container, not a Stream binding: the parking queues are no destination of the
 * topology (the broker, not a service, publishes to them), and the container's outcome per message is what parking
 * needs: after {@code spring.cloud.stream.default.consumer.max-attempts} attempts with the bindings' backoff (ms), a
 * message that may still be recorded is requeued, one that never can is rejected into the DLQ
 * ({@link ExpiredMessages#recover}). One consumer, prefetch 10: expiries are rare and not urgent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
class RabbitExpiredNotifications {

    @Bean
    ExpiredMessages expiredMessages(RabbitQueueExpiry expiry, Inbox inbox, Notifier notifier,
            @Value("${spring.application.name}") String group) {
        Duration ttl = expiry.ttl(group).orElse(Duration.ZERO);
        return new ExpiredMessages(group, ttl, inbox, notifier);
    }

    @Bean
    SimpleMessageListenerContainer expiredMessagesContainer(ConnectionFactory connections, ExpiredMessages expired,
            RabbitQueueExpiry expiry, @Value("${spring.application.name}") String group,
            @Value("${spring.cloud.stream.default.consumer.max-attempts:3}") int maxAttempts,
            @Value("${spring.cloud.stream.default.consumer.back-off-initial-interval:1000}") long initialMillis,
            @Value("${spring.cloud.stream.default.consumer.back-off-multiplier:2.0}") double multiplier,
            @Value("${spring.cloud.stream.default.consumer.back-off-max-interval:10000}") long maxMillis) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(expired.queues().toArray(String[]::new));
        container.setMessageListener(expired::handle);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setPrefetchCount(10);
        container.setConcurrentConsumers(1);
        // the library declares the parking queues when the connection opens; a broker that lost them is retried
        container.setMissingQueuesFatal(false);
        container.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(Math.max(0, maxAttempts - 1))
                .backOffOptions(initialMillis, multiplier, maxMillis)
                .recoverer(ExpiredMessages::recover)
                .build());
        // with PIPELINE_RABBIT_QUEUE_TTL=false nothing expires in the broker and no parking queue is declared
        container.setAutoStartup(expiry.ttl(group).isPresent());
        return container;
    }
}
