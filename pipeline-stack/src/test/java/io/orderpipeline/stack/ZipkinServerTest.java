package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ZipkinServerTest {

    @TempDir
    Path repo;

    private final ToolRecipe zipkin = ToolRecipe.of(Component.ZIPKIN);

    @Test
    void runsTheExecJarOnLoopbackWithInMemoryStorageOnItsPort() {
        StackConfig config = StackConfig.builder(repo).tool(Component.ZIPKIN, 19411).build();

        assertThat(zipkin.command(config))
                .startsWith(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .containsSubsequence("-jar", repo.resolve("pipeline-stack/target/tools/zipkin-server.jar").toString())
                .contains("--zipkin.storage.type=mem", "--armeria.ports[0].ip=127.0.0.1",
                        "--armeria.ports[0].port=19411", "--armeria.ports[0].protocols[0]=http");
    }

    @Test
    void tellsTheServicesWhereToReportSpansAndStartsBeforeThem() {
        StackConfig config = StackConfig.builder(repo).tool(Component.ZIPKIN).build();

        assertThat(zipkin.serviceEnvironment(config))
                .containsExactlyEntriesOf(java.util.Map.of("PIPELINE_ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans"));
        assertThat(zipkin.startsBeforeServices()).isTrue();
        assertThat(zipkin.healthPath()).isEqualTo("/health");
    }

    @Test
    void namesAMissingJarWithTheCommandThatBuildsIt() throws Exception {
        StackConfig config = StackConfig.builder(repo).tool(Component.ZIPKIN).build();

        assertThat(zipkin.preflight(config)).singleElement().asString()
                .contains("zipkin-server.jar is missing", "./mvnw -B -q -pl pipeline-stack -am package");

        Path jar = repo.resolve("pipeline-stack/target/tools/zipkin-server.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {0});
        assertThat(zipkin.preflight(config)).isEmpty();
    }
}
