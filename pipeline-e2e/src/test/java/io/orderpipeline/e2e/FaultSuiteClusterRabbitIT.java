package io.orderpipeline.e2e;

import java.util.Arrays;
import java.util.List;

import io.orderpipeline.faults.FaultSettings;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.ClusterNodes;
import io.orderpipeline.stack.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9 (leader-kill) on the three-node RabbitMQ cluster of {@code pipeline up --cluster}: the node holding the
 * leader of {@code orders.placed.inventory-service-0} is killed with SIGKILL mid-stream and restarted; lost 0,
 * duplicate effects 0. Before it: three running nodes, and every queue of the services a quorum queue with three
 * members.
 */
class FaultSuiteClusterRabbitIT extends AbstractClusterFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }

    @Override
    void verifyStack(FaultSettings settings) {
        ClusterNodes nodes = new ClusterNodes(settings.stack());
        String status = nodes.rabbitmqctl(Component.RABBIT_1, "cluster_status");
        for (Component node : Component.clusterNodes(Binder.RABBIT)) {
            assertThat(status).as("cluster_status of the stack's cluster").contains(nodes.nodeName(node));
        }
        String queues = nodes.rabbitmqctl(Component.RABBIT_1, "list_queues", "--no-table-headers", "name", "type",
                "members");
        List<String> lines = Arrays.stream(queues.split("\\R")).filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("the services declared their queues:%n%s", queues).isNotEmpty()
                .allSatisfy(line -> assertThat(line).as("a quorum queue on all three nodes").contains("quorum")
                        .contains(nodes.nodeName(Component.RABBIT_1)).contains(nodes.nodeName(Component.RABBIT_2))
                        .contains(nodes.nodeName(Component.RABBIT_3)));
    }
}
