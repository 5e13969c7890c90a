package io.orderpipeline.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.orderpipeline.stack.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of {@code ./pipeline bench} from the packaged {@code pipeline-cli.jar}: a burst of a few
 * hundred orders on RabbitMQ with the local MySQL-compatible server, short baselines. It checks that the tool
 * works and that the books balance (lost 0, duplicates 0: exit code 0), never how fast anything was.
 * It needs the local RabbitMQ and database (.ci/run starts them); without them it fails, it does not skip.
 */
class BenchSmokeIT {

    @TempDir
    Path out;

    @Test
    void smallBurstBalancesTheBooksAndWritesReportAndChart() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path jar = repo.resolve("pipeline-cli/target/pipeline-cli.jar");
        assertThat(jar).exists();
        int ports = FreePorts.block(7);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "bench",
                "--repo", repo.toString(), "--out", out.toString(),
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
}
