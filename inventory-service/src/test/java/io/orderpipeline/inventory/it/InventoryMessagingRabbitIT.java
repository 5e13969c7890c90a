package io.orderpipeline.inventory.it;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link InventoryMessagingScenario} on RabbitMQ (vhost {@code it-inventory}) and MySQL (database {@code it_inventory_rabbit}). */
@ActiveProfiles({"rabbit", "mysql"})
class InventoryMessagingRabbitIT extends InventoryMessagingScenario {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-inventory");
        TestInfrastructure.mysql(registry, "it_inventory_rabbit");
    }

    @Override
    protected ContractBroker connect() {
        return new RabbitContractBroker(rabbit, Topology.DEFAULT_PARTITION_COUNT);
    }
}
