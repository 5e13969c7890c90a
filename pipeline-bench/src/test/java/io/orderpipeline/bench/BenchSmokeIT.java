package io.orderpipeline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of the packaged {@code pipeline-bench.jar}, as {@code ./pipeline bench} runs it: a burst of a few
 * hundred orders on RabbitMQ with the local MySQL-compatible server, short baselines. It checks that the tool
 * works and that the books balance (lost 0, duplicates 0: exit code 0), never how fast anything was.
 * It needs the local RabbitMQ and database (.ci/run starts them); without them it fails, it does not skip.
 */
class BenchSmokeIT {

    @TempDir
    Path out;

    @Test
    void smallBurstBalancesTheBooksAndWritesReportAndChart() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path jar = module.resolve("target/pipeline-bench.jar");
        assertThat(jar).exists();
        int ports = freePortBlock();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--repo", module.getParent().toString(), "--out", out.toString(),
                "--binder", "rabbit", "--scenario", "burst", "--orders", "300", "--burst-rate", "200",
                "--inventory-rate", "150", "--sms-rate", "100", "--baseline-seconds", "3", "--drain-timeout", "90",
                "--port-base", Integer.toString(ports), "--kafka-port", Integer.toString(ports + 5),
                "--kafka-controller-port", Integer.toString(ports + 6),
                "--db-prefix", "bench_smoke_", "--vhost", "bench_smoke"));
        Process bench = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("bench.log").toFile()).start();
        boolean finished = bench.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            bench.destroy();
            bench.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(out.resolve("bench.log"));

        assertThat(finished).as("bench finished; output:%n%s", log).isTrue();
        assertThat(bench.exitValue()).as("exit code (0: lost 0 and duplicates 0); output:%n%s", log).isZero();
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("**lost 0, duplicates 0**").contains("RabbitMQ PerfTest").contains("services' JDBC driver");
        assertThat(out.resolve("burst-rabbit.png")).isNotEmptyFile();
        assertThat(out.resolve("burst-rabbit-timeline.csv")).isNotEmptyFile();
    }

    /**
     * Seven consecutive free ports (five services, and unused here the Kafka listener and controller), from
     * 20000–32767 like pipeline-cli's tests: below the kernel's ephemeral range (32768 up), where a port that is
     * free now may be taken by an outgoing connection before the service binds it (it happened in CI).
     */
    private static int freePortBlock() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(32767 - 20000 - 7);
            boolean free = true;
            for (int port = base; port < base + 7 && free; port++) {
                try (ServerSocket probe = new ServerSocket(port)) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no block of 7 free ports found between 20000 and 32767");
    }
}
