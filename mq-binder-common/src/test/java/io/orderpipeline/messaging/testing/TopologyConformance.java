package io.orderpipeline.messaging.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.contract.Topology;
import org.assertj.core.api.SoftAssertions;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.ProducerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binder.rabbit.properties.RabbitBindingProperties;
import org.springframework.cloud.stream.binder.rabbit.properties.RabbitConsumerProperties;
import org.springframework.cloud.stream.binder.rabbit.properties.RabbitProducerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Checks a service's effective binding properties, per binder profile, against {@link Topology}.
 *
 * <p>"Effective": the service's environment as Spring Boot prepares it for profile {@code rabbit} or
 * {@code kafka}: its {@code application*.yml}, every {@code EnvironmentPostProcessor} on its classpath (the
 * library's pipeline defaults and whatever the library derives, such as {@code required-groups}), bound the way
 * Spring Cloud Stream binds a binding: {@code spring.cloud.stream.default.*} first, then
 * {@code spring.cloud.stream.bindings.<name>.*} over it (likewise {@code spring.cloud.stream.rabbit|kafka.default}
 * under {@code ...rabbit|kafka.bindings.<name>}), the layering the binder's {@code BindingHandlerAdvise} does. No bean of the service and no binder is started: the
 * environment is prepared for an empty configuration, so the check takes well under a second per profile.
 *
 * <p>What it checks, for the service's consumer bindings ({@link Topology#consumedBy}): destination, group
 * ({@code spring.application.name}), dead-lettering (RabbitMQ: {@code auto-bind-dlq} and {@code republish-to-dlq}
 * with the default DLQ name {@code <destination>.<group>.dlq}; Kafka: {@code enable-dlq} to
 * {@code error.<destination>.<group>}), partitioned consumption of every partition on RabbitMQ. For its producer
 * bindings ({@link Topology#producedBy}): destination, {@code required-groups} = the destination's consumer
 * groups (on RabbitMQ; on Kafka, where the binder ignores it, only if set), partition count and key
 * ({@code headers['partitionKey']}), and on RabbitMQ the producer's {@code auto-bind-dlq}, which must match the
 * queues' (a mismatch fails the declaration with {@code PRECONDITION_FAILED}). And that the service binds no
 * destination the topology does not know of.
 */
public final class TopologyConformance {

    /** The binder profiles. */
    public static final List<String> PROFILES = List.of("rabbit", "kafka");

    private TopologyConformance() {
    }

    /**
     * Asserts, for both profiles, that the service's effective bindings are the topology's; all differences are
     * reported at once.
     *
     * @param service the service whose configuration is on the test's classpath
     */
    public static void assertConformsToTopology(Topology.Service service) {
        SoftAssertions softly = new SoftAssertions();
        for (String profile : PROFILES) {
            check(service, effectiveBindings(profile), softly);
        }
        softly.assertAll();
    }

    /**
     * @param profile {@code rabbit} or {@code kafka}
     * @return the effective binding properties of the application on the classpath under that profile
     */
    public static EffectiveBindings effectiveBindings(String profile) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false")
                .run()) {
            return new EffectiveBindings(profile, context.getEnvironment());
        }
    }

    private static void check(Topology.Service service, EffectiveBindings effective, SoftAssertions softly) {
        String profile = effective.profile();
        int partitions = effective.partitionCount();
        softly.assertThat(effective.property("spring.application.name")).as("[%s] application name", profile)
                .isEqualTo(service.id());
        softly.assertThat(effective.property("spring.cloud.stream.default-binder")).as("[%s] default binder", profile)
                .isEqualTo(profile);
        softly.assertThat(partitions).as("[%s] partition count", profile).isEqualTo(Topology.DEFAULT_PARTITION_COUNT);

        Set<String> declared = new HashSet<>();
        for (Topology.Subscription subscription : Topology.consumedBy(service)) {
            String name = subscription.consumer().binding();
            String at = "[" + profile + "] " + name;
            declared.add(name);
            BindingProperties binding = effective.binding(name);
            softly.assertThat(binding.getDestination()).as(at + " destination")
                    .isEqualTo(subscription.destination().name());
            softly.assertThat(binding.getGroup()).as(at + " group").isEqualTo(subscription.group());
            ConsumerProperties consumer = binding.getConsumer();
            softly.assertThat(consumer.getMaxAttempts()).as(at + " max-attempts (bounded)").isBetween(1, 10);
            if (profile.equals("rabbit")) {
                softly.assertThat(consumer.isPartitioned()).as(at + " partitioned").isTrue();
                softly.assertThat(consumer.getInstanceCount()).as(at + " instance-count").isEqualTo(1);
                softly.assertThat(consumer.getInstanceIndexList()).as(at + " instance-index-list: every partition")
                        .containsExactlyInAnyOrderElementsOf(range(partitions));
                RabbitConsumerProperties rabbit = effective.rabbitConsumer(name);
                softly.assertThat(rabbit.isAutoBindDlq()).as(at + " auto-bind-dlq").isTrue();
                softly.assertThat(rabbit.isRepublishToDlq()).as(at + " republish-to-dlq").isTrue();
                softly.assertThat(rabbit.getDeadLetterQueueName()).as(at + " dead-letter-queue-name: the binder's "
                        + subscription.destination().rabbitDeadLetterQueue(subscription.group())).isNull();
                softly.assertThat(rabbit.getPrefix()).as(at + " prefix").isNullOrEmpty();
            }
            else {
                KafkaConsumerProperties kafka = effective.kafkaConsumer(name);
                softly.assertThat(kafka.isEnableDlq()).as(at + " enable-dlq").isTrue();
                String deadLetters = kafka.getDlqName() == null || kafka.getDlqName().isBlank()
                        ? "error." + binding.getDestination() + "." + binding.getGroup() : kafka.getDlqName();
                softly.assertThat(deadLetters).as(at + " dead-letter topic")
                        .isEqualTo(subscription.destination().kafkaDeadLetterTopic(subscription.group()));
            }
        }
        for (Topology.Destination destination : Topology.producedBy(service)) {
            String name = destination.producerBinding();
            String at = "[" + profile + "] " + name;
            declared.add(name);
            BindingProperties binding = effective.binding(name);
            softly.assertThat(binding.getDestination()).as(at + " destination").isEqualTo(destination.name());
            ProducerProperties producer = binding.getProducer();
            softly.assertThat(producer.getPartitionCount()).as(at + " partition-count").isEqualTo(partitions);
            softly.assertThat(producer.getPartitionKeyExpression()).as(at + " partition-key-expression").isNotNull();
            if (producer.getPartitionKeyExpression() != null) {
                softly.assertThat(producer.getPartitionKeyExpression().getExpressionString())
                        .as(at + " partition key").isEqualTo("headers['partitionKey']");
            }
            List<String> requiredGroups = List.of(producer.getRequiredGroups());
            if (profile.equals("rabbit") || !requiredGroups.isEmpty()) {
                softly.assertThat(requiredGroups).as(at + " required-groups: the destination's consumer groups")
                        .containsExactlyInAnyOrderElementsOf(destination.groups());
            }
            if (profile.equals("rabbit")) {
                RabbitProducerProperties rabbit = effective.rabbitProducer(name);
                softly.assertThat(rabbit.isAutoBindDlq()).as(at + " auto-bind-dlq (as the groups' queues)").isTrue();
            }
        }
        for (Map.Entry<String, BindingProperties> configured : effective.configuredBindings().entrySet()) {
            softly.assertThat(declared).as("[%s] binding %s (destination %s) is in the topology", profile,
                    configured.getKey(), configured.getValue().getDestination()).contains(configured.getKey());
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            indexes.add(i);
        }
        return indexes;
    }

    /** An empty configuration: the environment is prepared, nothing else starts. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    /**
     * A service's effective binding properties under one profile.
     *
     * @param profile     {@code rabbit} or {@code kafka}
     * @param environment the prepared environment
     */
    public record EffectiveBindings(String profile, ConfigurableEnvironment environment) {

        private Binder binder(MutablePropertySources sources) {
            ApplicationConversionService conversions = new ApplicationConversionService();
            SpelExpressionParser parser = new SpelExpressionParser();
            conversions.addConverter(String.class, Expression.class, parser::parseExpression);
            return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources),
                    conversions);
        }

        /**
         * Binds {@code <bindingsPrefix>.<name>} over {@code <defaultsPrefix>}, as the binder does: the defaults are
         * copied under the binding's name in a property source of the lowest precedence, and the bindings are
         * bound as a map (whose keys keep their case, such as {@code awardPoints-in-0}).
         */
        private <T> T layered(String defaultsPrefix, String bindingsPrefix, String name, Class<T> type) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String property : enumerable.getPropertyNames()) {
                        if (property.startsWith(defaultsPrefix + ".")) {
                            Object value = enumerable.getProperty(property);
                            defaults.putIfAbsent(bindingsPrefix + "." + name + property.substring(defaultsPrefix.length()),
                                    value instanceof String text ? environment.resolvePlaceholders(text) : value);
                        }
                    }
                }
            }
            MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
            sources.addLast(new MapPropertySource("defaults of " + name, defaults));
            Map<String, T> bound = binder(sources).bind(bindingsPrefix, Bindable.mapOf(String.class, type))
                    .orElse(Map.of());
            if (!bound.containsKey(name)) {
                throw new IllegalStateException("No binding " + name + " under " + bindingsPrefix + " in profile " + profile);
            }
            return bound.get(name);
        }

        /** @return a resolved property, or null */
        public String property(String name) {
            return environment.getProperty(name);
        }

        /** @return {@code pipeline.messaging.partition-count} */
        public int partitionCount() {
            return environment.getRequiredProperty("pipeline.messaging.partition-count", Integer.class);
        }

        /** @return a binding's properties: {@code spring.cloud.stream.default} under {@code bindings.<name>} */
        public BindingProperties binding(String name) {
            BindingProperties properties = layered("spring.cloud.stream.default", "spring.cloud.stream.bindings", name,
                    BindingProperties.class);
            if (properties.getConsumer() == null) {
                properties.setConsumer(new ConsumerProperties());
            }
            if (properties.getProducer() == null) {
                properties.setProducer(new ProducerProperties());
            }
            return properties;
        }

        /** @return the bindings named under {@code spring.cloud.stream.bindings}, with their own properties */
        public Map<String, BindingProperties> configuredBindings() {
            return binder(environment.getPropertySources())
                    .bind("spring.cloud.stream.bindings", Bindable.mapOf(String.class, BindingProperties.class))
                    .orElse(Map.of());
        }

        /** @return the Rabbit binder's consumer properties of a binding */
        public RabbitConsumerProperties rabbitConsumer(String name) {
            return layered("spring.cloud.stream.rabbit.default", "spring.cloud.stream.rabbit.bindings", name,
                    RabbitBindingProperties.class).getConsumer();
        }

        /** @return the Rabbit binder's producer properties of a binding */
        public RabbitProducerProperties rabbitProducer(String name) {
            return layered("spring.cloud.stream.rabbit.default", "spring.cloud.stream.rabbit.bindings", name,
                    RabbitBindingProperties.class).getProducer();
        }

        /** @return the Kafka binder's consumer properties of a binding */
        public KafkaConsumerProperties kafkaConsumer(String name) {
            return layered("spring.cloud.stream.kafka.default", "spring.cloud.stream.kafka.bindings", name,
                    KafkaBindingProperties.class).getConsumer();
        }
    }
}
