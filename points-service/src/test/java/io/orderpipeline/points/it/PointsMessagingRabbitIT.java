package io.orderpipeline.points.it;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PointsMessagingScenario} on RabbitMQ (vhost {@code it-points}) and MySQL (database {@code it_points_rabbit}). */
@ActiveProfiles({"rabbit", "mysql"})
class PointsMessagingRabbitIT extends PointsMessagingScenario {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-points");
        TestInfrastructure.mysql(registry, "it_points_rabbit");
    }

    @Override
    protected ContractBroker connect() {
        return new RabbitContractBroker(rabbit, Topology.DEFAULT_PARTITION_COUNT);
    }
}
