package io.orderpipeline.points;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.TopologyConformance;
import org.junit.jupiter.api.Test;

/** points-service's effective bindings, on RabbitMQ and on Kafka, are the ones {@link Topology} declares. */
class TopologyBindingTests {

    @Test
    void bindingsMatchTheTopologyOnBothBinders() {
        TopologyConformance.assertConformsToTopology(Topology.Service.POINTS);
    }
}
