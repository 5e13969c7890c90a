package io.orderpipeline.messaging.testing;

import java.util.UUID;

import io.orderpipeline.messaging.contract.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The base of a service's broker scenario: the service's whole application on a random port, a
 * {@link ContractBroker} of the binder the subclass chose, and the service's HTTP API. A scenario is abstract,
 * with one {@code ...RabbitIT} annotated {@link OnRabbit} and one {@code ...KafkaIT} annotated {@link OnKafka},
 * each with nothing else in it: the annotation picks the profiles and the broker, and {@link ScenarioInfrastructure}
 * gives the class its own virtual host and database. The context is closed after each class, so the next binder's
 * run does not share the machine with a still-consuming one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
public abstract class ServiceScenario {

    @LocalServerPort
    private int port;

    /** The broker the service runs on, open during each test. */
    protected ContractBroker broker;

    /** The service's HTTP API. */
    protected ServiceHttp http;

    @Autowired
    private Environment environment;

    /** @return a new client of the broker the service runs on, as {@link OnRabbit} or {@link OnKafka} chose */
    protected ContractBroker connect() {
        if (TestContextAnnotationUtils.hasAnnotation(getClass(), OnRabbit.class)) {
            return new RabbitContractBroker(new TestInfrastructure.RabbitEndpoint(
                    environment.getRequiredProperty("spring.rabbitmq.host"),
                    environment.getRequiredProperty("spring.rabbitmq.port", Integer.class),
                    environment.getRequiredProperty("spring.rabbitmq.username"),
                    environment.getRequiredProperty("spring.rabbitmq.password"),
                    environment.getRequiredProperty("spring.rabbitmq.virtual-host")), Topology.DEFAULT_PARTITION_COUNT);
        }
        if (TestContextAnnotationUtils.hasAnnotation(getClass(), OnKafka.class)) {
            return new KafkaContractBroker(environment.getRequiredProperty("spring.embedded.kafka.brokers"));
        }
        throw new IllegalStateException(getClass().getName() + " is annotated neither @OnRabbit nor @OnKafka");
    }

    @BeforeEach
    void openBroker() {
        broker = connect();
        http = new ServiceHttp(port);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    /**
     * @param orderId an order id
     * @return a new order id on the same partition ({@link Topology#DEFAULT_PARTITION_COUNT}): events of both are
     *         delivered to one consumer thread in publish order, so once the later one is applied the earlier
     *         ones have been handled
     */
    protected static String orderOnPartitionOf(String orderId) {
        int partition = Topology.partition(orderId, Topology.DEFAULT_PARTITION_COUNT);
        String candidate;
        do {
            candidate = UUID.randomUUID().toString();
        }
        while (Topology.partition(candidate, Topology.DEFAULT_PARTITION_COUNT) != partition);
        return candidate;
    }
}
