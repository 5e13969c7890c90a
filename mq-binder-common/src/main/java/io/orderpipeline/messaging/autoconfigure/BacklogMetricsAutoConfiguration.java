package io.orderpipeline.messaging.autoconfigure;

import java.util.Properties;

import io.orderpipeline.messaging.backlog.RabbitBacklogMetrics;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;

/**
 * Per-destination backlog as a Micrometer gauge on RabbitMQ (see {@link RabbitBacklogMetrics}); active when
 * the service's default binder is {@code rabbit}. Kafka needs nothing here: its binder registers the consumer
 * lag gauge {@code spring.cloud.stream.binder.kafka.offset} (tags {@code group}, {@code topic}) itself.
 */
// after the beans it needs: conditions on beans see only those already defined
@AutoConfiguration(afterName = {"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.cloud.stream.config.BindingServiceConfiguration"})
@ConditionalOnClass({RabbitAdmin.class, BindingServiceProperties.class})
@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
public class BacklogMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean({ConnectionFactory.class, BindingServiceProperties.class})
    RabbitBacklogMetrics rabbitBacklogMetrics(ConnectionFactory connectionFactory, BindingServiceProperties bindings) {
        AmqpAdmin admin = new RabbitAdmin(connectionFactory);
        return new RabbitBacklogMetrics(
                RabbitBacklogMetrics.consumers(bindings.getBindings(), bindings::getConsumerProperties),
                queue -> {
                    Properties properties = admin.getQueueProperties(queue);
                    return properties == null ? -1
                            : ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
                });
    }
}
