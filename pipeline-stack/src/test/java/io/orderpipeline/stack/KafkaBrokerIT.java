package io.orderpipeline.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerIT {

    @TempDir
    Path logDir;

    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private KafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void deliversRecordsFromAnIdempotentAcksAllProducerToAConsumer() throws Exception {
        // Given a broker with a topic of 3 partitions
        broker = startBroker();
        KafkaClients clients = new KafkaClients(broker.bootstrapServers());
        clients.createTopic("orders.placed", 3);
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "order-" + i).toList();

        // When records are produced with acks=all and idempotence
        clients.produce("orders.placed", sent);

        // Then a consumer group reads every one of them back
        assertThat(clients.consume("orders.placed", "inventory-service", sent.size()))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void keepsTopicsAndCommittedOffsetsAcrossARestartOnTheSameLogDir() throws Exception {
        // Given a topic whose records a group consumed and committed
        broker = startBroker();
        KafkaClients clients = new KafkaClients(broker.bootstrapServers());
        clients.createTopic("stock.reserved", 2);
        clients.produce("stock.reserved", List.of("a", "b", "c"));
        clients.consume("stock.reserved", "points-service", 3);
        String clusterId = broker.clusterId();

        // When the broker restarts on the same directory
        broker.stop();
        broker = startBroker();

        // Then the cluster, the topic and the group's position are still there
        assertThat(broker.clusterId()).isEqualTo(clusterId);
        assertThat(clients.partitionCount("stock.reserved")).isEqualTo(2);
        assertThat(clients.committedOffsets("stock.reserved", "points-service", 2)).isEqualTo(3);
        clients.produce("stock.reserved", List.of("d"));
        assertThat(clients.consume("stock.reserved", "points-service", 1)).containsExactly("d");
    }

    @Test
    void autoCreatesTopicsWithFourPartitions() throws Exception {
        broker = startBroker();
        KafkaClients clients = new KafkaClients(broker.bootstrapServers());

        clients.produce("orders.confirmed", List.of("x"));

        assertThat(clients.partitionCount("orders.confirmed")).isEqualTo(4);
    }

    private KafkaBroker startBroker() {
        KafkaBroker started = new KafkaBroker(port, controllerPort, logDir);
        started.start();
        return started;
    }
}
