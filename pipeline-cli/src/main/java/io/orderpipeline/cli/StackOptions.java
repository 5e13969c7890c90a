package io.orderpipeline.cli;

import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.stack.StackConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that starts a stack of its own ({@code up}, {@code faults}, {@code bench}): where,
 * on which ports, bound to which address, with which extra service JVM options. Each command has its own default
 * ports, so two of them can run side by side.
 */
final class StackOptions {

    @Mixin
    StackLocation location;

    @Option(names = "--port-base", description = "order-service port; the others follow (default: 8080 for up, 8180 for faults, 18080 for bench)")
    Integer portBase;

    @Option(names = "--kafka-port", description = "broker port (default: 9092 for up, 9192 for faults, 19092 for bench)")
    Integer kafkaPort;

    @Option(names = "--kafka-controller-port", description = "KRaft controller port (default: 9093 for up, 9193 for faults, 19093 for bench)")
    Integer kafkaControllerPort;

    @Option(names = "--expose", description = "bind the services to every network interface instead of 127.0.0.1 only")
    boolean expose;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "an extra option for every service JVM, repeatable: a JVM flag (-XX:TieredStopAtLevel=1) or a Spring"
                    + " property as a system property (-Dpipeline.inbox.sequence-check=false)")
    List<String> jvmOptions = new ArrayList<>();

    /**
     * @param defaultPortBase  this command's order-service port when {@code --port-base} is not given
     * @param defaultKafkaPort this command's broker port; the controller port is the next one
     * @return a builder with the repository, the state directory, the ports, the bind address and the JVM options
     */
    StackConfig.Builder config(java.nio.file.Path stateDir, int defaultPortBase, int defaultKafkaPort) {
        List<String> jvm = new ArrayList<>(StackConfig.DEFAULT_SERVICE_JVM_OPTIONS);
        jvm.addAll(jvmOptions);
        return StackConfig.builder(location.repoRoot())
                .stateDir(stateDir)
                .servicePortBase(portBase(defaultPortBase))
                .kafkaPorts(kafkaPort(defaultKafkaPort), kafkaControllerPort(defaultKafkaPort + 1))
                .bindAddress(bindAddress())
                .serviceJvmOptions(jvm);
    }

    int portBase(int fallback) {
        return portBase != null ? portBase : fallback;
    }

    int kafkaPort(int fallback) {
        return kafkaPort != null ? kafkaPort : fallback;
    }

    int kafkaControllerPort(int fallback) {
        return kafkaControllerPort != null ? kafkaControllerPort : fallback;
    }

    /** @return {@link StackConfig#ALL_INTERFACES} with {@code --expose}, else {@link StackConfig#LOOPBACK} */
    String bindAddress() {
        return expose ? StackConfig.ALL_INTERFACES : StackConfig.LOOPBACK;
    }
}
