package io.orderpipeline.points.it;

import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.KafkaContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@link PointsMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_points_kafka}). */
@ActiveProfiles({"kafka", "mysql"})
// spring-kafka 4: always a KRaft broker (EmbeddedKafkaKraftBroker)
@EmbeddedKafka(partitions = 4)
@TestPropertySource(properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
class PointsMessagingKafkaIT extends PointsMessagingScenario {

    @Autowired
    EmbeddedKafkaBroker kafka;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.mysql(registry, "it_points_kafka");
    }

    @Override
    protected ContractBroker connect() {
        return new KafkaContractBroker(kafka.getBrokersAsString());
    }
}
