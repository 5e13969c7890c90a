package io.orderpipeline.stack;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackTest {

    @TempDir
    Path repoRoot;

    @Test
    void refusesToStartAServiceWhoseJarIsMissing() {
        Stack stack = new Stack(StackConfig.builder(repoRoot).servicePortBase(FreePorts.next()).build());

        assertThatThrownBy(() -> stack.start(Component.SMS_SERVICE))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("sms-service/target/sms-service.jar is missing");
    }

    @Test
    void refusesToStartTheBrokerOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Stack stack = new Stack(StackConfig.builder(repoRoot)
                    .kafkaPorts(taken.getLocalPort(), FreePorts.next())
                    .build());

            assertThatThrownBy(() -> stack.start(Component.KAFKA))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (kafka) is already in use");
        }
    }

    @Test
    void reportsEveryComponentStoppedWhenNothingRuns() {
        Stack stack = new Stack(StackConfig.builder(repoRoot).build());

        assertThat(stack.status())
                .extracting(ComponentStatus::health)
                .hasSize(6)
                .containsOnly(Health.STOPPED);
    }

    @Test
    void runsNoBrokerWithTheRabbitBinder() {
        StackConfig config = StackConfig.builder(repoRoot).binder(Binder.RABBIT).build();

        assertThat(config.components()).containsExactlyElementsOf(Component.services());
    }
}
