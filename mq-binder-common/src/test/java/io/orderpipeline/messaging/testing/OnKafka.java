package io.orderpipeline.messaging.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.orderpipeline.messaging.contract.Topology;

import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a {@link ServiceScenario} on Kafka: profiles {@code kafka} and {@code mysql}, a KRaft broker in the test
 * JVM (spring-kafka-test's {@code EmbeddedKafkaKraftBroker}, {@link Topology#DEFAULT_PARTITION_COUNT} partitions
 * per topic) and a database of the test class's own ({@code it_<class_name>}; see {@link ScenarioInfrastructure}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles({"kafka", "mysql"})
@EmbeddedKafka(partitions = Topology.DEFAULT_PARTITION_COUNT)
@TestPropertySource(properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
public @interface OnKafka {
}
