package io.orderpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * The three broker nodes of a {@link StackConfig#cluster()} stack, on loopback, each its own process:
 * <ul>
 *   <li>Kafka: {@code kafka-N} is a {@link KafkaBroker#clusterNode} (broker and controller) with node id N, client port
 *       {@code kafkaPort + 2(N-1)}, controller port one above, log directory {@code <state>/kafka-cluster/kafka-N}; the
 *       three share one cluster id, made on first start and kept in {@code <state>/kafka-cluster/cluster.id}.</li>
 *   <li>RabbitMQ: {@code rabbit-N} is the package's own {@code rabbitmq-server} ({@code $PIPELINE_RABBITMQ_BIN},
 *       default {@code /usr/lib/rabbitmq/bin}: Debian's wrappers on the PATH switch to the rabbitmq user and take its
 *       Erlang cookie), node name {@code rabbit-<amqp port>@localhost}, with its own ports ({@link #RABBIT_PORTS}
 *       from {@link StackConfig#rabbitClusterPort()} = B: AMQP B+N-1, Erlang distribution B+3+N-1, management
 *       B+6+N-1, Prometheus B+9+N-1, epmd B+12 for all three, the CLI's distribution ports B+13..B+19), its data and
 *       log in {@code <state>/rabbit-cluster/rabbit-N}, and a cookie of the stack's own (HOME
 *       {@code <state>/rabbit-cluster/home}). Node 1 forms the cluster; nodes 2 and 3 join it on their first start
 *       ({@code stop_app; join_cluster; start_app}), later starts rejoin by themselves. The machine's own RabbitMQ
 *       node (5672, epmd 4369) is not touched.</li>
 * </ul>
 * The services get every node's address, replication factor 3 (Kafka) or quorum queues (RabbitMQ).
 */
public final class ClusterNodes {

    /** How many ports from {@link StackConfig#rabbitClusterPort()} the RabbitMQ cluster uses. */
    static final int RABBIT_PORTS = 20;

    private static final long CTL_TIMEOUT_SECONDS = 120;

    private final StackConfig config;

    /** @param config a stack; the methods on nodes are of its cluster */
    public ClusterNodes(StackConfig config) {
        this.config = config;
    }

    /** @return the TCP ports the broker component listens on (for the preflight) */
    List<Integer> ports(Component broker) {
        if (broker == Component.KAFKA) {
            return List.of(config.kafkaPort(), config.kafkaControllerPort());
        }
        int port = config.port(broker);
        if (broker.isRabbitNode()) {
            int i = broker.clusterNode() - 1;
            int base = config.rabbitClusterPort();
            return List.of(port, base + 3 + i, base + 6 + i, base + 9 + i);
        }
        return List.of(port, port + 1);
    }

    /** @return the management HTTP port of a RabbitMQ node (user guest, on 127.0.0.1) */
    public int managementPort(Component rabbitNode) {
        return config.rabbitClusterPort() + 6 + rabbitNode.clusterNode() - 1;
    }

    /** @return the port of a RabbitMQ node's {@code rabbitmq_prometheus} plugin */
    public int prometheusPort(Component rabbitNode) {
        return config.rabbitClusterPort() + 9 + rabbitNode.clusterNode() - 1;
    }

    /** @return the Erlang node name of a RabbitMQ node, {@code rabbit-5680@localhost} */
    public String nodeName(Component rabbitNode) {
        return "rabbit-" + config.port(rabbitNode) + "@localhost";
    }

    /** @return the command of a cluster node (after the JVM for Kafka: main class and options) */
    List<String> command(Component node) {
        if (node.isRabbitNode()) {
            prepareRabbit(node);
            return List.of(rabbitBin().resolve("rabbitmq-server").toString());
        }
        int port = config.port(node);
        String voters = Component.clusterNodes(Binder.KAFKA).stream()
                .map(n -> n.clusterNode() + "@127.0.0.1:" + (config.port(n) + 1))
                .collect(Collectors.joining(","));
        return List.of(KafkaBroker.class.getName(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(port + 1),
                "--log-dir", kafkaDir().resolve(node.id()).toString(),
                "--node-id", Integer.toString(node.clusterNode()), "--voters", voters, "--cluster-id", kafkaClusterId());
    }

    /** @return the environment of a RabbitMQ node's server and of {@code rabbitmqctl} against it; empty for Kafka */
    Map<String, String> environment(Component node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!node.isRabbitNode()) {
            return env;
        }
        Path dir = rabbitDir().resolve(node.id());
        int base = config.rabbitClusterPort();
        env.put("HOME", rabbitDir().resolve("home").toString());
        env.put("RABBITMQ_NODENAME", nodeName(node));
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(config.port(node)));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(base + 3 + node.clusterNode() - 1));
        env.put("RABBITMQ_CTL_DIST_PORT_MIN", Integer.toString(base + 13));
        env.put("RABBITMQ_CTL_DIST_PORT_MAX", Integer.toString(base + 19));
        env.put("ERL_EPMD_PORT", Integer.toString(base + 12));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_LOGS", "-");
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        // exec the Erlang VM instead of a shell that forwards signals: the PID is the node's, a SIGKILL kills it
        env.put("RUNNING_UNDER_SYSTEMD", "true");
        return env;
    }

    /** @return what every service gets on a cluster stack: all node addresses, replication 3 or quorum queues */
    Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (!config.cluster()) {
            return env;
        }
        if (config.binder() == Binder.KAFKA) {
            env.put("KAFKA_REPLICATION_FACTOR", "3");
        } else {
            List<Component> nodes = Component.clusterNodes(Binder.RABBIT);
            env.put("SPRING_RABBITMQ_ADDRESSES",
                    nodes.stream().map(n -> "127.0.0.1:" + config.port(n)).collect(Collectors.joining(",")));
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", Integer.toString(config.port(nodes.get(0))));
            env.put("PIPELINE_RABBIT_QUORUM", "true");
        }
        return env;
    }

    /**
     * Once every node of a new RabbitMQ cluster is UP: nodes 2 and 3 join node 1 (a marker file remembers it was
     * done; a node restarted later rejoins from its own data). Does nothing for Kafka, whose nodes form their quorum
     * from {@code controller.quorum.voters}.
     */
    void formCluster() {
        if (!config.cluster() || config.binder() != Binder.RABBIT) {
            return;
        }
        Path marker = rabbitDir().resolve("clustered");
        if (Files.exists(marker)) {
            return;
        }
        String first = nodeName(Component.RABBIT_1);
        for (Component node : List.of(Component.RABBIT_2, Component.RABBIT_3)) {
            rabbitmqctl(node, "stop_app");
            rabbitmqctl(node, "join_cluster", first);
            rabbitmqctl(node, "start_app");
        }
        rabbitmqctl(Component.RABBIT_1, "await_startup");
        try {
            Files.writeString(marker, first + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /**
     * After every RabbitMQ node is gone: stops the cluster's own epmd (the Erlang VM starts it as a daemon).
     *
     * @param allStopped whether no node of the cluster runs any more; nothing is done otherwise
     */
    void afterStopped(boolean allStopped) {
        if (!allStopped || !config.cluster() || config.binder() != Binder.RABBIT) {
            return;
        }
        Map<String, String> env = environment(Component.RABBIT_1);
        run(List.of("epmd", "-port", env.get("ERL_EPMD_PORT"), "-kill"), env, false);
    }

    /**
     * Runs the cluster's {@code rabbitmqctl} against one node, as the stack's own user and cookie.
     *
     * @return its output
     * @throws StackException when it fails or takes longer than 120 s
     */
    public String rabbitmqctl(Component node, String... args) {
        List<String> command = new ArrayList<>(List.of(rabbitBin().resolve("rabbitmqctl").toString(), "-q", "-n",
                nodeName(node)));
        command.addAll(List.of(args));
        return run(command, environment(node), true);
    }

    private static String run(List<String> command, Map<String, String> env, boolean failOnError) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(CTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish in " + CTL_TIMEOUT_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            if (failOnError && process.exitValue() != 0) {
                throw new StackException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            if (!failOnError) {
                return "";
            }
            throw new StackException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Writes a RabbitMQ node's configuration (listeners on 127.0.0.1, its plugin ports) and the stack's cookie. */
    private void prepareRabbit(Component node) {
        Path dir = rabbitDir().resolve(node.id());
        try {
            Files.createDirectories(dir.resolve("log"));
            Path home = rabbitDir().resolve("home");
            Files.createDirectories(home);
            Path cookie = home.resolve(".erlang.cookie");
            if (!Files.exists(cookie)) {
                byte[] random = new byte[20];
                new SecureRandom().nextBytes(random);
                Files.writeString(cookie, HexFormat.of().formatHex(random).toUpperCase(java.util.Locale.ROOT));
                Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
            }
            Files.writeString(dir.resolve("rabbitmq.conf"), String.join(System.lineSeparator(),
                    "listeners.tcp.1 = 127.0.0.1:" + config.port(node),
                    "management.tcp.ip = 127.0.0.1",
                    "management.tcp.port = " + managementPort(node),
                    "prometheus.tcp.ip = 127.0.0.1",
                    "prometheus.tcp.port = " + prometheusPort(node),
                    "cluster_partition_handling = pause_minority",
                    ""));
            Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_management,rabbitmq_prometheus]." + System.lineSeparator());
            Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private String kafkaClusterId() {
        Path file = kafkaDir().resolve("cluster.id");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Uuid.randomUuid().toString());
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private Path kafkaDir() {
        return config.stateDir().resolve("kafka-cluster");
    }

    private Path rabbitDir() {
        return config.stateDir().resolve("rabbit-cluster");
    }

    private static Path rabbitBin() {
        return Path.of(System.getenv().getOrDefault("PIPELINE_RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"));
    }
}
