package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker as a separate OS process, managed by {@link Stack}; the services are covered by the end-to-end
 * tests, which need their jars.
 */
class StackIT {

    @TempDir
    Path stateDir;

    private Stack stack;

    @BeforeEach
    void configure() {
        StackConfig config = StackConfig.builder(Path.of("").toAbsolutePath().getParent())
                .stateDir(stateDir)
                .kafkaPorts(FreePorts.next(), FreePorts.next())
                .servicePortBase(FreePorts.next())
                .build();
        stack = new Stack(config);
    }

    @AfterEach
    void down() {
        stack.down();
    }

    @Test
    void restartsAKilledBrokerWithItsTopicsAndCommittedOffsets() throws Exception {
        // Given a broker process with a topic a group consumed and committed
        stack.start(Component.KAFKA);
        KafkaClients clients = new KafkaClients(stack.kafkaBootstrapServers());
        clients.createTopic("orders.placed", 4);
        clients.produce("orders.placed", List.of("o-1", "o-2", "o-3", "o-4", "o-5"));
        clients.consume("orders.placed", "inventory-service", 5);
        ProcessHandle first = stack.process(Component.KAFKA).orElseThrow();

        // When it is killed with SIGKILL and started again
        stack.kill(Component.KAFKA);
        assertThat(first.isAlive()).isFalse();
        assertThat(stack.status(Component.KAFKA).health()).isEqualTo(Health.STOPPED);
        stack.start(Component.KAFKA);

        // Then the topic and the group's position survived
        assertThat(stack.process(Component.KAFKA)).get().extracting(ProcessHandle::pid).isNotEqualTo(first.pid());
        assertThat(clients.partitionCount("orders.placed")).isEqualTo(4);
        assertThat(clients.committedOffsets("orders.placed", "inventory-service", 4)).isEqualTo(5);
    }

    @Test
    void anotherStackOnTheSameStateDirSeesAndStopsTheProcesses() {
        // Given a broker started by one Stack
        stack.start(Component.KAFKA);
        long pid = stack.process(Component.KAFKA).orElseThrow().pid();

        // When a second Stack attaches to the state directory, as a later CLI invocation does
        Optional<Stack> attached = Stack.attach(stack.config().repoRoot(), stateDir);

        // Then it finds the settings and the process, and can stop it
        assertThat(attached).isPresent();
        assertThat(attached.get().config().kafkaPort()).isEqualTo(stack.config().kafkaPort());
        ComponentStatus status = attached.get().status(Component.KAFKA);
        assertThat(status.pid()).hasValue(pid);
        assertThat(status.health()).isEqualTo(Health.UP);
        attached.get().down();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(stateDir.resolve("pids/kafka.pid")).doesNotExist();
        assertThat(Files.exists(stack.logFile(Component.KAFKA))).isTrue();
    }

    @Test
    void refusesToStartAComponentThatIsAlreadyRunning() {
        stack.start(Component.KAFKA);

        assertThatThrownBy(() -> stack.start(Component.KAFKA))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("already running");
    }
}
