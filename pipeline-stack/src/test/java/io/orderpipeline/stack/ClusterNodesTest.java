package io.orderpipeline.stack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterNodesTest {

    private final Path repo = Path.of("/repo");

    @Test
    void runsThreeKafkaNodesOnPairsOfPortsAndGivesTheServicesAllThree() {
        StackConfig config = StackConfig.builder(repo).cluster(true).kafkaPorts(9092, 9093).build();
        ClusterNodes nodes = new ClusterNodes(config);

        assertThat(config.components()).startsWith(Component.KAFKA_1, Component.KAFKA_2, Component.KAFKA_3,
                Component.ORDER_SERVICE).doesNotContain(Component.KAFKA);
        assertThat(nodes.ports(Component.KAFKA_2)).containsExactly(9094, 9095);
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(nodes.serviceEnvironment()).containsEntry("KAFKA_REPLICATION_FACTOR", "3");
    }

    @Test
    void runsARabbitClusterOfItsOwnBesideTheMachinesNode() {
        StackConfig config = StackConfig.builder(repo).binder(Binder.RABBIT).cluster(true).rabbitClusterPort(5680).build();
        ClusterNodes nodes = new ClusterNodes(config);

        assertThat(config.brokers()).containsExactly(Component.RABBIT_1, Component.RABBIT_2, Component.RABBIT_3);
        // AMQP, Erlang distribution, management, Prometheus: none is the machine's 5672, 25672, 15672 or 15692
        assertThat(nodes.ports(Component.RABBIT_3)).containsExactly(5682, 5685, 5688, 5691);
        assertThat(nodes.nodeName(Component.RABBIT_1)).isEqualTo("rabbit-5680@localhost");
        assertThat(nodes.environment(Component.RABBIT_2))
                .containsEntry("RABBITMQ_NODE_PORT", "5681")
                .containsEntry("ERL_EPMD_PORT", "5692")
                .containsEntry("RUNNING_UNDER_SYSTEMD", "true");
        assertThat(nodes.serviceEnvironment())
                .containsEntry("SPRING_RABBITMQ_ADDRESSES", "127.0.0.1:5680,127.0.0.1:5681,127.0.0.1:5682")
                .containsEntry("PIPELINE_RABBIT_QUORUM", "true");
    }

    @Test
    void keepsTheClusterSettingForLaterInvocations() {
        StackConfig saved = StackConfig.builder(repo).binder(Binder.RABBIT).cluster(true).rabbitClusterPort(20011).build();

        StackConfig restored = SavedConfig.fromProperties(repo, saved.stateDir(), SavedConfig.toProperties(saved));

        assertThat(restored.cluster()).isTrue();
        assertThat(restored.rabbitClusterPort()).isEqualTo(20011);
        assertThat(restored.runsLike(saved)).isTrue();
        assertThat(saved.runsLike(saved.toBuilder().cluster(false).build())).isFalse();
        assertThat(Component.parse("kafka-2")).isEqualTo(Component.KAFKA_2);
        assertThat(Component.clusterNodes(Binder.RABBIT)).extracting(Component::clusterNode).isEqualTo(List.of(1, 2, 3));
    }
}
