package io.orderpipeline.messaging.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.deadletter.DeadLetterCauseHeaders;
import io.orderpipeline.messaging.deadletter.DeadLetterMetrics;
import io.orderpipeline.messaging.deadletter.RabbitDeadLetterCounter;
import io.orderpipeline.messaging.deadletter.RabbitQueueExpiry;
import io.orderpipeline.messaging.deadletter.KafkaContainerDeadLettering;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import io.orderpipeline.messaging.inbox.ProcessedMessages;
import io.orderpipeline.messaging.outbox.KafkaAcknowledgedOutboxPublisher;
import io.orderpipeline.messaging.outbox.Outbox;
import io.orderpipeline.messaging.outbox.OutboxProperties;
import io.orderpipeline.messaging.outbox.OutboxPublisher;
import io.orderpipeline.messaging.outbox.OutboxRelay;
import io.orderpipeline.messaging.outbox.RabbitConfirmedOutboxPublisher;
import io.orderpipeline.messaging.outbox.SynchronousOutboxPublisher;
import io.orderpipeline.messaging.tracing.MessageTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.interceptor.GlobalChannelInterceptorWrapper;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reliability plumbing every service gets: the inbox (processed messages, sequence check, single and batch
 * delivery) always, and the
 * transactional outbox with its relay where {@code pipeline.outbox.enabled=true}. The relay's
 * publisher follows {@code spring.cloud.stream.default-binder}: publisher confirms on {@code rabbit},
 * asynchronous {@code acks=all} sends whose acknowledgements are awaited per batch on {@code kafka}, plain sends
 * otherwise (the test binder).
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Trace context across the outbox and batch records: live when Micrometer Tracing runs (PIPELINE_ZIPKIN_ENDPOINT
     * set, {@link TracingDefaults}), {@link MessageTracing#NOOP} otherwise.
     */
    @Bean
    @ConditionalOnMissingBean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MessageTracing(tracer.getIfUnique(), propagator.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedMessages processedMessages(JdbcTemplate jdbc, Clock clock) {
        return new ProcessedMessages(jdbc, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OutOfOrderEvents outOfOrderEvents(@Value("${spring.application.name}") String group,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return new OutOfOrderEvents(group, meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The inbox every consumer binding's bean is built with, for the consumer group {@code spring.application.name}.
     *
     * @throws IllegalStateException if {@code pipeline.messaging.batch-consumers=true} on another binder than Kafka:
     *         only Kafka's tells which record of a batch failed
     */
    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(@Value("${spring.application.name}") String group,
            @Value("${pipeline.inbox.sequence-check:true}") boolean sequenceCheck, ProcessedMessages processed,
            OutOfOrderEvents outOfOrder, JsonMapper json, PlatformTransactionManager transactions,
            ObjectProvider<MeterRegistry> meterRegistry, Environment environment, MessageTracing tracing) {
        String binder = environment.getProperty("spring.cloud.stream.default-binder");
        if (environment.getProperty("pipeline.messaging.batch-consumers", Boolean.class, false) && !"kafka".equals(binder)) {
            throw new IllegalStateException("pipeline.messaging.batch-consumers=true needs the Kafka binder, not "
                    + binder + ": RabbitMQ's binder rejects a failed batch whole, without retries");
        }
        return new Inbox(group, sequenceCheck, processed, outOfOrder, json, new TransactionTemplate(transactions),
                meterRegistry.getIfAvailable(SimpleMeterRegistry::new), tracing);
    }

    /** The cause and attempts of a failed delivery, in headers of what the binders dead-letter. */
    @Bean
    static GlobalChannelInterceptorWrapper deadLetterCauseHeaders() {
        GlobalChannelInterceptorWrapper wrapper = new GlobalChannelInterceptorWrapper(new DeadLetterCauseHeaders());
        // every binding's error channel: <destination>.<group>.errors
        wrapper.setPatterns(new String[] {"*.errors"});
        return wrapper;
    }

    /**
     * The dead-letter counters {@value DeadLetterMetrics#METRIC}, one per consumer binding (a binding with a group
     * whose name has {@code -in-}), registered at 0.
     */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterMetrics deadLetterMetrics(ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<BindingServiceProperties> bindings) {
        List<DeadLetterMetrics.Binding> consumers = new ArrayList<>();
        bindings.ifAvailable(properties -> properties.getBindings().forEach((name, binding) -> {
            if (name.contains("-in-") && binding.getGroup() != null && binding.getDestination() != null) {
                consumers.add(new DeadLetterMetrics.Binding(binding.getDestination(), binding.getGroup()));
            }
        }));
        return new DeadLetterMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new), consumers);
    }

    /** On RabbitMQ, counts the failed deliveries the bindings' error channels pass on to {@code errorChannel}. */
    @Bean
    @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
    static GlobalChannelInterceptorWrapper rabbitDeadLetterCounter(ObjectProvider<DeadLetterMetrics> metrics,
            Environment environment) {
        GlobalChannelInterceptorWrapper wrapper = new GlobalChannelInterceptorWrapper(
                new RabbitDeadLetterCounter(metrics::getObject, environment.getProperty("spring.application.name", "")));
        // the bindings' error channels live in the binder's context; they are bridged to this one
        wrapper.setPatterns(new String[] {"errorChannel"});
        return wrapper;
    }

    /**
     * On RabbitMQ, the queue-level message TTLs per consumer group ({@code pipeline.messaging.rabbit.queue-ttl.groups},
     * Spring durations; none when {@code pipeline.messaging.rabbit.queue-ttl.enabled} is false), in every service, so
     * that a producer's {@code required-groups} declaration and the consumer's agree: see {@link RabbitQueueExpiry}.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
    static RabbitQueueExpiry rabbitQueueExpiry(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean enabled = environment.getProperty("pipeline.messaging.rabbit.queue-ttl.enabled", Boolean.class, true);
        Map<String, Duration> ttls = enabled
                ? binder.bind("pipeline.messaging.rabbit.queue-ttl.groups", Bindable.mapOf(String.class, Duration.class))
                        .orElse(Map.of())
                : Map.of();
        return new RabbitQueueExpiry(ttls,
                environment.getProperty(TopologyDefaults.PARTITION_COUNT, Integer.class,
                        Topology.DEFAULT_PARTITION_COUNT),
                environment.getProperty("spring.cloud.stream.rabbit.default.consumer.quorum.enabled", Boolean.class,
                        false),
                environment.getProperty("spring.cloud.stream.rabbit.default.consumer.dlq-quorum.enabled",
                        Boolean.class, false));
    }

    /** Applied by the Rabbit binder's provisioner and Boot's {@code RabbitAdmin} to every queue they declare. */
    @Bean
    @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
    static DeclarableCustomizer rabbitQueueExpiryCustomizer(RabbitQueueExpiry expiry) {
        return expiry.customizer();
    }

    /** The parking queues of the expiring groups, declared by Boot's {@code RabbitAdmin} when the connection opens. */
    @Bean
    @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
    static Declarables rabbitQueueExpiryDeclarables(RabbitQueueExpiry expiry) {
        return new Declarables(expiry.declarables());
    }

    /** On Kafka, retries and dead letters in the listener container, with the same cause headers as RabbitMQ. */
    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "kafka")
    static KafkaContainerDeadLettering kafkaContainerDeadLettering(Environment environment,
            ObjectProvider<DeadLetterMetrics> metrics) {
        Binder binder = Binder.get(environment);
        Map<String, Object> producer = new HashMap<>(binder
                .bind("spring.cloud.stream.kafka.binder.producer-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.cloud.stream.kafka.binder.brokers", "localhost:9092"));
        return new KafkaContainerDeadLettering(producer, metrics.getIfAvailable());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "pipeline.outbox.enabled", havingValue = "true")
    static class OutboxConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
        OutboxPublisher rabbitOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings,
                OutboxProperties properties, MessageTracing tracing) {
            RabbitConfirmedOutboxPublisher publisher = new RabbitConfirmedOutboxPublisher(streamBridge, bindings,
                    properties.confirmTimeout());
            publisher.setTracing(tracing);
            return publisher;
        }

        @Bean
        @ConditionalOnMissingBean(OutboxPublisher.class)
        @ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "kafka")
        KafkaAcknowledgedOutboxPublisher kafkaOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings,
                OutboxProperties properties, MessageTracing tracing) {
            KafkaAcknowledgedOutboxPublisher publisher = new KafkaAcknowledgedOutboxPublisher(streamBridge, bindings,
                    properties.confirmTimeout());
            publisher.setTracing(tracing);
            return publisher;
        }

        /**
         * The Kafka handlers of the bindings named in {@code spring.cloud.stream.output-bindings} (the ones the
         * relay publishes to) send asynchronously; every Kafka handler hands the relay's send futures back to it.
         */
        @Bean
        @ConditionalOnBean(KafkaAcknowledgedOutboxPublisher.class)
        ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> kafkaOutboxHandlers(
                KafkaAcknowledgedOutboxPublisher publisher, BindingServiceProperties bindings, Environment environment) {
            Set<String> outboxBindings = Arrays.stream(environment.getProperty("spring.cloud.stream.output-bindings", "")
                            .split(";"))
                    .map(String::trim)
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
            return (handler, destination) -> publisher.configureHandler(handler, outboxBindings.stream()
                    .anyMatch(binding -> destination.equals(bindings.getBindingDestination(binding))));
        }

        @Bean
        @ConditionalOnMissingBean
        OutboxPublisher synchronousOutboxPublisher(StreamBridge streamBridge, BindingServiceProperties bindings,
                MessageTracing tracing) {
            SynchronousOutboxPublisher publisher = new SynchronousOutboxPublisher(streamBridge, bindings);
            publisher.setTracing(tracing);
            return publisher;
        }

        @Bean
        OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions, OutboxPublisher publisher,
                OutboxProperties properties, Clock clock, ObjectProvider<MeterRegistry> meterRegistry) {
            OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(transactions), publisher, properties, clock);
            meterRegistry.ifAvailable(registry -> Gauge.builder("outbox.backlog", relay, OutboxRelay::backlog)
                    .description("Outbox rows not yet confirmed by the broker")
                    .baseUnit("messages")
                    .register(registry));
            return relay;
        }

        @Bean
        Outbox outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, OutboxRelay relay, MessageTracing tracing) {
            return new Outbox(jdbc, json, clock, relay::wakeUp, tracing);
        }
    }
}
