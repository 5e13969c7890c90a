package io.orderpipeline.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the stack. Build one with {@link #builder(Path)}; every setting has a default.
 *
 * @param repoRoot            the repository root; service jars are read from {@code <repoRoot>/<service>/target/<service>.jar}
 * @param stateDir            where PID files, logs, Kafka and H2 data live; default {@code <repoRoot>/.pipeline}
 * @param binder              the message broker, default {@link Binder#KAFKA}
 * @param database            the database, default {@link Database#H2}
 * @param servicePortBase     HTTP port of the order service; the others follow (see {@link Component#portOffset()}), default 8080
 * @param kafkaPort           the broker's client listener port, default 9092
 * @param kafkaControllerPort the broker's KRaft controller port, default 9093
 * @param extraEnv            environment variables added to (and overriding) those the stack sets, per component
 * @param healthTimeout       how long to wait for components to report UP, default 180 s
 * @param stopGrace           how long a stopped process may take after SIGTERM before it gets SIGKILL, default 20 s
 * @param serviceJvmOptions   JVM options for each service, default {@link #DEFAULT_SERVICE_JVM_OPTIONS}
 * @param brokerClasspath     class path of the broker JVM; default this JVM's {@code java.class.path}, which holds the Kafka jars
 * @param bindAddress         the address the services listen on ({@code server.address}): default
 *                            {@link #LOOPBACK}, so a demo does not serve the whole network; {@link #ALL_INTERFACES}
 *                            to expose them
 * @param tools               the tools to run beside the pipeline ({@link Component#isTool()}), each with its port on
 *                            127.0.0.1; default none. {@link Builder#tool(Component)} gives the default port:
 *                            Zipkin 9411, Prometheus 9090, the console the service port base + 5 (8085)
 * @param cluster             three broker nodes on loopback instead of one broker ({@link ClusterNodes}): Kafka nodes
 *                            {@code kafka-1..3} on {@code kafkaPort}, {@code + 2}, {@code + 4} (controllers one above
 *                            each), or a RabbitMQ cluster {@code rabbit-1..3} of its own on {@code rabbitClusterPort};
 *                            default false
 * @param rabbitClusterPort   the first of the RabbitMQ cluster's {@link ClusterNodes#RABBIT_PORTS} ports: AMQP of
 *                            node 1 (nodes 2 and 3 on the next two), default 5680; unused without {@code cluster}
 */
public record StackConfig(
        Path repoRoot,
        Path stateDir,
        Binder binder,
        Database database,
        int servicePortBase,
        int kafkaPort,
        int kafkaControllerPort,
        Map<Component, Map<String, String>> extraEnv,
        Duration healthTimeout,
        Duration stopGrace,
        List<String> serviceJvmOptions,
        String brokerClasspath,
        String bindAddress,
        Map<Component, Integer> tools,
        boolean cluster,
        int rabbitClusterPort) {

    /** The services' default {@code server.address}: loopback only. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The {@code server.address} that binds every network interface. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    /**
     * JVM options of a service on the one-machine stack: a 384 MB heap, the Serial collector (one collector
     * thread; GC took under 1 % of a service's CPU in the benchmark) and the C1 JIT compiler only
     * ({@code -XX:TieredStopAtLevel=1}). Five service JVMs, a broker and a database share a few cores here,
     * and C2's compilations took 24–44 % of each service's CPU during a burst in the first minutes after start
     * (and still 27 % after 3,000 warm-up orders); C1 code is slower per call but compiles at a fraction of
     * that: 43 instead of 61 CPU ms per order in a burst on a fresh stack (README, "Benchmark"). Once C2 has
     * finished compiling it would win (30 ms per order without the compiler threads), so a long-running service
     * with cores of its own (the Docker image) keeps the JVM's default tiered compilation.
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    public static final String FILE_NAME = "stack.properties";

    public StackConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        Objects.requireNonNull(binder, "binder");
        Objects.requireNonNull(database, "database");
        Map<Component, Map<String, String>> env = new EnumMap<>(Component.class);
        extraEnv.forEach((component, vars) -> env.put(component, Map.copyOf(vars)));
        extraEnv = Map.copyOf(env);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        Objects.requireNonNull(bindAddress, "bindAddress");
        tools.keySet().forEach(tool -> {
            if (!tool.isTool()) {
                throw new IllegalArgumentException(tool + " is not a tool");
            }
        });
        Map<Component, Integer> ordered = new EnumMap<>(Component.class);
        ordered.putAll(tools);
        tools = Collections.unmodifiableMap(ordered);
    }

    /** @return a builder with every default, for the repository at {@code repoRoot} */
    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /** @return a builder holding this configuration, to change some settings */
    public Builder toBuilder() {
        Builder builder = new Builder(repoRoot)
                .stateDir(stateDir)
                .binder(binder)
                .database(database)
                .servicePortBase(servicePortBase)
                .kafkaPorts(kafkaPort, kafkaControllerPort)
                .healthTimeout(healthTimeout)
                .stopGrace(stopGrace)
                .serviceJvmOptions(serviceJvmOptions)
                .brokerClasspath(brokerClasspath)
                .bindAddress(bindAddress)
                .cluster(cluster)
                .rabbitClusterPort(rabbitClusterPort);
        tools.forEach(builder::tool);
        extraEnv.forEach((component, vars) -> vars.forEach((key, value) -> builder.env(component, key, value)));
        return builder;
    }

    /**
     * @return the TCP port the component serves: HTTP for a service and a tool, the client listener for the broker
     * @throws IllegalArgumentException for a tool this configuration does not run
     */
    public int port(Component component) {
        if (component.isTool()) {
            Integer port = tools.get(component);
            if (port == null) {
                throw new IllegalArgumentException(component + " is not part of this stack");
            }
            return port;
        }
        if (component.isRabbitNode()) {
            return rabbitClusterPort + component.clusterNode() - 1;
        }
        if (component.clusterNode() > 0) {
            return kafkaPort + 2 * (component.clusterNode() - 1);
        }
        return component.isService() ? servicePortBase + component.portOffset() : kafkaPort;
    }

    /** @return {@code host:port} of the broker's client listener; of every node's, comma-separated, for a cluster */
    public String kafkaBootstrapServers() {
        if (!cluster) {
            return "127.0.0.1:" + kafkaPort;
        }
        return String.join(",", Component.clusterNodes(Binder.KAFKA).stream().map(n -> "127.0.0.1:" + port(n)).toList());
    }

    /** @return the broker processes this configuration runs: {@link Component#KAFKA}, the cluster's nodes, or none */
    public List<Component> brokers() {
        return components().stream().filter(Component::isBroker).toList();
    }

    /**
     * @return the components this configuration runs: the broker only with {@link Binder#KAFKA} (with {@link #cluster()}
     * the binder's three nodes instead), then the five services, then the tools asked for
     */
    public List<Component> components() {
        List<Component> components = new ArrayList<>();
        if (cluster) {
            components.addAll(Component.clusterNodes(binder));
        } else if (binder == Binder.KAFKA) {
            components.add(Component.KAFKA);
        }
        components.addAll(Component.services());
        components.addAll(tools.keySet());
        return List.copyOf(components);
    }

    /**
     * @return whether a stack started with {@code other} runs the same processes on the same ports: same binder,
     * database, ports and tools (extra environment and JVM options may differ)
     */
    public boolean runsLike(StackConfig other) {
        return other.binder == binder
                && other.database == database
                && other.servicePortBase == servicePortBase
                && other.kafkaPort == kafkaPort
                && other.kafkaControllerPort == kafkaControllerPort
                && other.cluster == cluster
                && other.rabbitClusterPort == rabbitClusterPort
                && other.tools.equals(tools);
    }

    /** Collects settings for a {@link StackConfig}; not thread-safe. */
    public static final class Builder {
        private final Path repoRoot;
        private Path stateDir;
        private Binder binder = Binder.KAFKA;
        private Database database = Database.H2;
        private int servicePortBase = 8080;
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private final Map<Component, Map<String, String>> extraEnv = new EnumMap<>(Component.class);
        private Duration healthTimeout = Duration.ofSeconds(180);
        private Duration stopGrace = Duration.ofSeconds(20);
        private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
        private String brokerClasspath = System.getProperty("java.class.path");
        private String bindAddress = LOOPBACK;
        private static final int DEFAULT_PORT = 0;
        private final Map<Component, Integer> tools = new EnumMap<>(Component.class);
        private boolean cluster;
        private int rabbitClusterPort = 5680;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot;
            this.stateDir = repoRoot.resolve(".pipeline");
        }

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder binder(Binder binder) {
            this.binder = binder;
            return this;
        }

        public Builder database(Database database) {
            this.database = database;
            return this;
        }

        public Builder servicePortBase(int servicePortBase) {
            this.servicePortBase = servicePortBase;
            return this;
        }

        public Builder kafkaPorts(int kafkaPort, int kafkaControllerPort) {
            this.kafkaPort = kafkaPort;
            this.kafkaControllerPort = kafkaControllerPort;
            return this;
        }

        /** Adds one environment variable for one component; it overrides what the stack would set. */
        public Builder env(Component component, String key, String value) {
            extraEnv.computeIfAbsent(component, c -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = healthTimeout;
            return this;
        }

        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = stopGrace;
            return this;
        }

        public Builder serviceJvmOptions(List<String> serviceJvmOptions) {
            this.serviceJvmOptions = serviceJvmOptions;
            return this;
        }

        public Builder brokerClasspath(String brokerClasspath) {
            this.brokerClasspath = brokerClasspath;
            return this;
        }

        /** @param bindAddress the services' {@code server.address}, e.g. {@link #LOOPBACK} or {@link #ALL_INTERFACES} */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** Runs a tool beside the pipeline on its default port (Zipkin 9411, Prometheus 9090, the console the port base + 5). */
        public Builder tool(Component tool) {
            return tool(tool, DEFAULT_PORT);
        }

        /** Runs a tool beside the pipeline on the given port of 127.0.0.1 ({@code 0}: its default port). */
        public Builder tool(Component tool, int port) {
            if (!tool.isTool()) {
                throw new IllegalArgumentException(tool + " is not a tool");
            }
            tools.put(tool, port);
            return this;
        }

        /** Three broker nodes instead of one (see {@link StackConfig#cluster()}). */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder rabbitClusterPort(int rabbitClusterPort) {
            this.rabbitClusterPort = rabbitClusterPort;
            return this;
        }

        public StackConfig build() {
            Map<Component, Integer> ports = new EnumMap<>(Component.class);
            tools.forEach((tool, port) -> ports.put(tool, port != DEFAULT_PORT ? port : switch (tool) {
                case ZIPKIN -> 9411;
                case PROMETHEUS -> 9090;
                default -> servicePortBase + 5;
            }));
            return new StackConfig(repoRoot, stateDir, binder, database, servicePortBase, kafkaPort,
                    kafkaControllerPort, extraEnv, healthTimeout, stopGrace, serviceJvmOptions, brokerClasspath,
                    bindAddress, ports, cluster, rabbitClusterPort);
        }
    }
}
