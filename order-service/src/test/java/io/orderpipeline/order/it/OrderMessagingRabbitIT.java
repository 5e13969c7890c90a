package io.orderpipeline.order.it;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link OrderMessagingScenario} on RabbitMQ (vhost {@code it-order}) and MySQL (database {@code it_order_rabbit}). */
@ActiveProfiles({"rabbit", "mysql"})
class OrderMessagingRabbitIT extends OrderMessagingScenario {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-order");
        TestInfrastructure.mysql(registry, "it_order_rabbit");
    }

    @Override
    protected ContractBroker connect() {
        return new RabbitContractBroker(rabbit, Topology.DEFAULT_PARTITION_COUNT);
    }
}
