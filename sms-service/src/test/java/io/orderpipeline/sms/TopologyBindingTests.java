package io.orderpipeline.sms;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.TopologyConformance;
import org.junit.jupiter.api.Test;

/** sms-service's effective bindings, on RabbitMQ and on Kafka, are the ones {@link Topology} declares. */
class TopologyBindingTests {

    @Test
    void bindingsMatchTheTopologyOnBothBinders() {
        TopologyConformance.assertConformsToTopology(Topology.Service.SMS);
    }
}
