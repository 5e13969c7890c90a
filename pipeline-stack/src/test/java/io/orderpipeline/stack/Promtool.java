package io.orderpipeline.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs Debian's {@code /usr/bin/promtool} (package {@code prometheus}) and asserts it exits 0. A missing promtool
 * fails the test (never skips), naming the package that brings it.
 */
final class Promtool {

    static final Path BINARY = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /**
     * @param workingDir where promtool runs (relative rule files are read from there)
     * @param arguments  e.g. {@code check config prometheus.yml}
     * @return promtool's output (stdout and stderr)
     */
    static String succeeds(Path workingDir, String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: these checks need Prometheus' promtool; install it with: "
                    + "sudo apt-get install prometheus");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished within 60 s").isTrue();
        assertThat(process.exitValue()).as("exit code of %s in %s, output:%n%s", String.join(" ", command),
                workingDir, output).isZero();
        return output;
    }

    /** @return the repository root: the first parent of the working directory holding {@code docker/prometheus} */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docker").resolve("prometheus"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker/prometheus above " + Path.of("").toAbsolutePath());
    }
}
