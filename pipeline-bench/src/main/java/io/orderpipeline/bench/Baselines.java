package io.orderpipeline.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the raw broker and database do on this machine, measured in the same run as the pipeline, so each
 * pipeline figure can also be given as a ratio that survives a noisy machine.
 *
 * <ul>
 *   <li>RabbitMQ: the broker's own PerfTest ({@code com.rabbitmq.perf.PerfTest}) in a child JVM, one producer
 *       and one consumer, a durable queue, persistent 1 KB messages, publisher confirms (100 in flight),
 *       manual acks, prefetch 100;</li>
 *   <li>Kafka: {@code org.apache.kafka.tools.ProducerPerformance} in a child JVM, 1 KB records, {@code acks=all},
 *       {@code enable.idempotence=true}, to a 6-partition topic on the stack's broker;</li>
 *   <li>the database: single-row INSERT transactions (autocommit) from 4 threads for a fixed time.</li>
 * </ul>
 */
final class Baselines {

    /** One measured baseline: messages (or transactions) per second, and the tool's own summary line. */
    record Figure(String name, double perSecond, String unit, String detail) {
    }

    private static final Pattern PERF_TEST_RATE = Pattern.compile("(sending|receiving) rate avg: ([0-9.]+) msg/s");
    private static final Pattern PRODUCER_RATE = Pattern.compile("records sent, ([0-9.]+) records/sec");

    private final Path workDir;
    private final Duration duration;

    /**
     * @param workDir  where the child JVMs' output is kept ({@code baseline-*.log})
     * @param duration how long each baseline runs (PerfTest, inserts); ProducerPerformance sends a fixed count
     */
    Baselines(Path workDir, Duration duration) {
        this.workDir = workDir;
        this.duration = duration;
    }

    /**
     * RabbitMQ PerfTest against {@code amqpUri}; its queue is deleted afterwards.
     *
     * @return the average consumer (receiving) rate: a message counts when it was confirmed and acked
     */
    Figure rabbit(String amqpUri) throws IOException, InterruptedException {
        String queue = "bench-baseline-perftest";
        List<String> args = List.of("com.rabbitmq.perf.PerfTest", "--uri", amqpUri, "--producers", "1",
                "--consumers", "1", "--queue", queue, "--auto-delete", "true", "--flag", "persistent",
                "--size", "1000", "--confirm", "100", "--qos", "100", "--time", Long.toString(duration.toSeconds()),
                "--interval", Long.toString(Math.max(1, duration.toSeconds())));
        // PerfTest configures Logback itself and fails when SLF4J picked another provider
        String output = childJvm("baseline-rabbitmq-perftest", "log4j-slf4j2-impl", args, duration.plusSeconds(60));
        Matcher matcher = PERF_TEST_RATE.matcher(output);
        double sending = 0;
        double receiving = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals("sending")) {
                sending = Double.parseDouble(matcher.group(2));
            } else {
                receiving = Double.parseDouble(matcher.group(2));
            }
        }
        if (receiving == 0) {
            throw new IllegalStateException("PerfTest printed no receiving rate; see " + workDir.resolve("baseline-rabbitmq-perftest.log"));
        }
        return new Figure("RabbitMQ PerfTest (durable, persistent 1 KB, confirms, manual ack)", receiving, "msg/s",
                String.format("sent %.0f msg/s, received %.0f msg/s", sending, receiving));
    }

    /** Kafka ProducerPerformance against {@code bootstrapServers}; the topic is created first, with 6 partitions. */
    Figure kafka(String bootstrapServers, long records) throws Exception {
        String topic = "bench-baseline-producer-perf";
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        List<String> args = List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", "1024", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true");
        String output = childJvm("baseline-kafka-producer-perf", "logback-classic", args, Duration.ofMinutes(3));
        Matcher matcher = PRODUCER_RATE.matcher(output);
        String last = null;
        double rate = 0;
        while (matcher.find()) {
            rate = Double.parseDouble(matcher.group(1));
        }
        for (String line : output.lines().toList()) {
            if (line.contains("records sent")) {
                last = line.strip();
            }
        }
        if (rate == 0) {
            throw new IllegalStateException("ProducerPerformance printed no rate; see " + workDir.resolve("baseline-kafka-producer-perf.log"));
        }
        return new Figure("Kafka ProducerPerformance (acks=all, idempotence, 1 KB)", rate, "records/s", last);
    }

    /** Single-row INSERT transactions from 4 threads into a table of the run's baseline database. */
    Figure database(BenchEnvironment environment) throws Exception {
        int threads = 4;
        String database = BenchEnvironment.BASELINE_DATABASE_SUFFIX;
        try (Connection connection = environment.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS insert_baseline");
            statement.execute("CREATE TABLE insert_baseline (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " order_id VARCHAR(36) NOT NULL, payload VARCHAR(255) NOT NULL, created_at DATETIME(6) NOT NULL)"
                    + " ENGINE=InnoDB");
        }
        AtomicLong inserts = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Void>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                try (Connection connection = environment.connect(database);
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO insert_baseline (order_id, payload, created_at) VALUES (?, ?, NOW(6))")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < deadline) {
                        insert.setString(1, java.util.UUID.randomUUID().toString());
                        insert.setString(2, "baseline row of about one hundred bytes, like an order row with its status and total");
                        insert.executeUpdate();
                        inserts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<Void> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Figure("Database single-row INSERT transactions (4 threads)", inserts.get() / seconds, "tx/s",
                String.format("%d inserts in %.1f s", inserts.get(), seconds));
    }

    /** Runs a main class on this JVM's class path less the jars whose names contain {@code withoutJar}. */
    private String childJvm(String name, String withoutJar, List<String> mainAndArgs, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpathWithout(withoutJar));
        command.addAll(mainAndArgs);
        Path log = workDir.resolve(name + ".log");
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(name + " did not finish in " + timeout.toSeconds() + " s; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        return output;
    }

    /**
     * The class path as a list of jars: {@code java -jar pipeline-cli.jar} (the {@code pipeline} command) has only the jar on
     * {@code java.class.path} and the rest in its manifest, so then the jars of its {@code lib/} folder are listed
     * instead (the baseline tools need none of this module's classes).
     */
    private static String classpathWithout(String withoutJar) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry).toAbsolutePath().normalize();
                Path lib = path.resolveSibling("lib");
                if (!entry.endsWith("pipeline-cli.jar")) {
                    entries.add(path);
                } else if (Files.isDirectory(lib)) {
                    // not the jar itself: its manifest Class-Path would bring back every jar of lib/
                    try (var jars = Files.list(lib)) {
                        jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(entries::add);
                    }
                }
            }
        }
        List<String> kept = new ArrayList<>();
        entries.stream().filter(path -> !path.getFileName().toString().contains(withoutJar))
                .forEach(path -> kept.add(path.toString()));
        return String.join(File.pathSeparator, kept);
    }

    /** @return the ratio pipeline / baseline, or empty when there is no baseline */
    static OptionalDouble ratio(double pipeline, Optional<Figure> baseline) {
        return baseline.filter(b -> b.perSecond() > 0).map(b -> OptionalDouble.of(pipeline / b.perSecond()))
                .orElse(OptionalDouble.empty());
    }

}
