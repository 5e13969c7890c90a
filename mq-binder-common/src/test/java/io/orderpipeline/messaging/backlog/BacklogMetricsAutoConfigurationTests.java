package io.orderpipeline.messaging.backlog;

import io.orderpipeline.messaging.autoconfigure.BacklogMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.config.BindingServiceProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class BacklogMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BacklogMetricsAutoConfiguration.class))
            .withBean(ConnectionFactory.class, () -> mock(ConnectionFactory.class))
            .withBean(BindingServiceProperties.class, () -> mock(BindingServiceProperties.class));

    @Test
    void registersTheRabbitBacklogGaugesWhenTheBinderIsRabbit() {
        runner.withPropertyValues("spring.cloud.stream.default-binder=rabbit")
                .run(context -> assertThat(context).hasSingleBean(RabbitBacklogMetrics.class));
    }

    @Test
    void leavesKafkaToItsBindersLagGauge() {
        runner.withPropertyValues("spring.cloud.stream.default-binder=kafka")
                .run(context -> assertThat(context).doesNotHaveBean(RabbitBacklogMetrics.class));
    }
}
