package io.orderpipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A single-node Apache Kafka broker in KRaft mode (one process is broker and controller), listening on
 * 127.0.0.1 only. The log directory is formatted on first start; its {@code meta.properties} keeps the
 * cluster id, so a restart on the same directory, also after a kill -9, keeps topics and committed offsets.
 *
 * <p>Settings are those of a one-node cluster: replication factor 1 for the internal topics,
 * {@code min.insync.replicas=1}, {@code group.initial.rebalance.delay.ms=0}, topics auto-created with 4 partitions.
 *
 * <p>As one node of a three-node cluster ({@link #clusterNode}): its own node id, the three controllers as a static
 * KRaft quorum ({@code controller.quorum.voters}), one cluster id shared by all three log directories, and
 * replication factor 3 for new and internal topics ({@code __consumer_offsets}, the transaction state) with
 * {@code min.insync.replicas=2} and {@code unclean.leader.election.enable=false}: a write acknowledged with
 * {@code acks=all} is on at least two nodes, and a replica that missed writes never becomes leader.
 *
 * <p>Use it in-process ({@link #start()}, {@link #stop()}), or as a process through {@link #main(String[])}
 * with {@code --port}, {@code --controller-port} and {@code --log-dir}; the process runs until SIGTERM.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final int nodeId;
    private final String voters;
    private final String fixedClusterId;
    private final int replicas;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private KafkaRaftServer server;
    private String clusterId;

    /**
     * @param port           TCP port of the client listener (PLAINTEXT) on 127.0.0.1
     * @param controllerPort TCP port of the KRaft controller listener on 127.0.0.1
     * @param logDir         directory for partition logs and cluster metadata; created when missing
     */
    public KafkaBroker(int port, int controllerPort, Path logDir) {
        this(NODE_ID, port, controllerPort, logDir, NODE_ID + "@127.0.0.1:" + controllerPort, null, 1);
    }

    private KafkaBroker(int nodeId, int port, int controllerPort, Path logDir, String voters, String clusterId,
                        int replicas) {
        this.nodeId = nodeId;
        this.voters = voters;
        this.fixedClusterId = clusterId;
        this.replicas = replicas;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir.toAbsolutePath().normalize();
    }

    /**
     * @param nodeId    1..3, the KRaft node id
     * @param voters    the three controllers, {@code 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097}
     * @param clusterId the cluster id every node's log directory is formatted with ({@link Uuid} text)
     * @return a node of a three-node cluster: replication factor 3, {@code min.insync.replicas=2}
     */
    public static KafkaBroker clusterNode(int nodeId, int port, int controllerPort, Path logDir, String voters,
                                          String clusterId) {
        return new KafkaBroker(nodeId, port, controllerPort, logDir, voters, clusterId, 3);
    }

    /**
     * Formats the log directory when it holds no cluster yet, then starts the broker and returns once it
     * serves requests.
     *
     * @throws IllegalStateException when already started
     * @throws KafkaBrokerException when formatting or startup fails (port in use, unreadable directory)
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("Kafka broker already started on " + bootstrapServers());
        }
        try {
            KafkaConfig config = new KafkaConfig(brokerProperties(), false);
            clusterId = formatIfNeeded();
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
        } catch (RuntimeException e) {
            throw new KafkaBrokerException("Kafka broker on " + bootstrapServers() + " failed to start: " + e.getMessage(), e);
        }
    }

    /** @return {@code 127.0.0.1:<port>}, for a client's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return the cluster id kept in the log directory; null before {@link #start()} */
    public synchronized String clusterId() {
        return clusterId;
    }

    /** Shuts the broker down cleanly and waits for it; does nothing when not started. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "4");
        String factor = Integer.toString(replicas);
        String minIsr = Integer.toString(Math.max(1, replicas - 1));
        p.setProperty("default.replication.factor", factor);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("offsets.topic.replication.factor", factor);
        p.setProperty("transaction.state.log.replication.factor", factor);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", factor);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        return p;
    }

    private String formatIfNeeded() {
        Path meta = logDir.resolve("meta.properties");
        try {
            if (Files.exists(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                }
                return properties.getProperty("cluster.id");
            }
            Files.createDirectories(logDir);
            String newClusterId = fixedClusterId != null ? fixedClusterId : Uuid.randomUuid().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(newClusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            return newClusterId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new KafkaBrokerException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a broker in this JVM until the process gets SIGTERM or SIGINT; exits 1 when startup fails.
     *
     * @param args {@code [--port 9092] [--controller-port 9093] [--log-dir .pipeline/kafka]}, and for a cluster node
     *             {@code --node-id N --voters 1@127.0.0.1:P1,2@…,3@… --cluster-id ID}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Thrown when the broker cannot format its log directory or start. */
    public static final class KafkaBrokerException extends RuntimeException {
        public KafkaBrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Command(name = "kafka-broker", mixinStandardHelpOptions = true,
            description = "Runs a one-node KRaft Kafka broker on 127.0.0.1 until SIGTERM.")
    static final class Main implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "9092", description = "client listener port (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default: ${DEFAULT-VALUE})")
        int controllerPort;

        @Option(names = "--log-dir", defaultValue = ".pipeline/kafka", description = "data directory (default: ${DEFAULT-VALUE})")
        Path logDir;

        @Option(names = "--node-id", defaultValue = "1", description = "KRaft node id of a cluster node")
        int nodeId;

        @Option(names = "--voters", description = "a cluster node's controller quorum: 1@127.0.0.1:P1,2@127.0.0.1:P2,3@...")
        String voters;

        @Option(names = "--cluster-id", description = "the cluster id a cluster node's log directory is formatted with")
        String clusterId;

        @Override
        public Integer call() throws InterruptedException {
            KafkaBroker broker = voters == null ? new KafkaBroker(port, controllerPort, logDir)
                    : clusterNode(nodeId, port, controllerPort, logDir, voters, clusterId);
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
            System.out.println("Kafka broker UP on " + broker.bootstrapServers() + ", cluster " + broker.clusterId()
                    + ", log dir " + broker.logDir);
            Thread.currentThread().join();
            return 0;
        }
    }
}
