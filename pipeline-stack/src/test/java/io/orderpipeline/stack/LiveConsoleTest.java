package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LiveConsoleTest {

    @TempDir
    Path repo;

    @Test
    void namesAMissingJarWithTheCommandThatBuildsIt() throws Exception {
        StackConfig config = StackConfig.builder(repo).tool(Component.CONSOLE).build();
        LiveConsole console = new LiveConsole();

        assertThat(console.preflight(config)).singleElement().asString()
                .contains("pipeline-console/target/pipeline-console.jar is missing")
                .contains("./mvnw -B -DskipTests package -pl pipeline-console");

        Files.createDirectories(repo.resolve("pipeline-console/target"));
        Files.writeString(repo.resolve("pipeline-console/target/pipeline-console.jar"), "");
        assertThat(console.preflight(config)).isEmpty();
    }

    @Test
    void runsTheJarOnItsPortOfLoopbackToldWhereEachServiceIs() {
        StackConfig config = StackConfig.builder(repo).servicePortBase(18080).tool(Component.CONSOLE, 18099).build();

        assertThat(new LiveConsole().command(config))
                .contains("-jar", repo.resolve("pipeline-console/target/pipeline-console.jar").toString())
                .contains("--server.port=18099", "--server.address=127.0.0.1",
                        "--console.order-url=http://127.0.0.1:18080", "--console.inventory-url=http://127.0.0.1:18081",
                        "--console.points-url=http://127.0.0.1:18082", "--console.sms-url=http://127.0.0.1:18083",
                        "--console.coupon-url=http://127.0.0.1:18084");
        assertThat(new LiveConsole().startsBeforeServices()).isFalse();
    }
}
