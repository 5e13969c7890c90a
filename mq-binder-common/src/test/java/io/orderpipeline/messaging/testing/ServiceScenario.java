package io.orderpipeline.messaging.testing;

import java.util.UUID;

import io.orderpipeline.messaging.contract.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The base of a service's broker scenario: the service's whole application on a random port, a
 * {@link ContractBroker} of the binder the subclass chose, and the service's HTTP API. A scenario is abstract,
 * with one {@code ...RabbitIT} and one {@code ...KafkaIT} subclass that pick the profile, the broker and their
 * own virtual host and database ({@link TestInfrastructure}). The context is closed after each class, so the
 * next binder's run does not share the machine with a still-consuming one.
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

    /** @return a new client of the broker the service runs on */
    protected abstract ContractBroker connect();

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
