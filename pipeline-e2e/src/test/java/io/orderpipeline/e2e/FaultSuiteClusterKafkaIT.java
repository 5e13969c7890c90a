package io.orderpipeline.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.orderpipeline.faults.FaultSettings;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.stack.Binder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9 (leader-kill) on the three-node Kafka cluster of {@code pipeline up --cluster}: the leader of
 * {@code orders.placed}-0 is killed with SIGKILL mid-stream and restarted; lost 0, duplicate effects 0. Before it,
 * the topics the services created are checked: replication factor 3 on all three nodes, {@code min.insync.replicas=2},
 * unclean leader election off, {@code __consumer_offsets} replicated 3 times.
 */
class FaultSuiteClusterKafkaIT extends AbstractClusterFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }

    @Override
    void verifyStack(FaultSettings settings) {
        String placed = Topology.ORDERS_PLACED.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.stack().kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(placed, "__consumer_offsets"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            topics.values().forEach(topic -> assertThat(topic.partitions())
                    .as("every partition of %s on the three nodes", topic.name())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3))
                    .allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, placed);
            Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
        } catch (Exception e) {
            throw new AssertionError("cannot describe the cluster's topics: " + e.getMessage(), e);
        }
    }
}
