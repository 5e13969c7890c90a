package io.orderpipeline.inventory;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.TopologyConformance;
import org.junit.jupiter.api.Test;

/** inventory-service's effective bindings, on RabbitMQ and on Kafka, are the ones {@link Topology} declares. */
class TopologyBindingTests {

    @Test
    void bindingsMatchTheTopologyOnBothBinders() {
        TopologyConformance.assertConformsToTopology(Topology.Service.INVENTORY);
    }
}
