package io.orderpipeline.cli;

import java.nio.file.Path;
import java.util.Map;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.StackConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCliTest {

    @Test
    void bindsToLoopbackUnlessExposed() {
        UpCommand up = parse(UpCommand.class, "up");
        UpCommand exposed = parse(UpCommand.class, "up", "--expose");

        assertThat(up.stack.config(Path.of("/state"), 8080, 9092).build().bindAddress()).isEqualTo(StackConfig.LOOPBACK);
        assertThat(exposed.stack.config(Path.of("/state"), 8080, 9092).build().bindAddress())
                .isEqualTo(StackConfig.ALL_INTERFACES);
    }

    @Test
    void runsTheLivePageOnThePortBasePlusFiveUnlessNoConsole() {
        StackConfig up = parse(UpCommand.class, "up", "--port-base", "28080").config();
        StackConfig without = parse(UpCommand.class, "up", "--no-console").config();

        assertThat(up.tools()).containsEntry(Component.CONSOLE, 28085);
        assertThat(up.components()).endsWith(Component.CONSOLE);
        assertThat(without.tools()).doesNotContainKey(Component.CONSOLE);
    }

    @Test
    void runsZipkinBeforeTheServicesOnlyWithTracing() {
        StackConfig plain = parse(UpCommand.class, "up", "--repo", "/repo").config();
        StackConfig traced = parse(UpCommand.class, "up", "--repo", "/repo", "--tracing").config();

        assertThat(plain.tools()).doesNotContainKey(Component.ZIPKIN);
        assertThat(traced.tools()).containsKey(Component.ZIPKIN);
        assertThat(traced.port(Component.ZIPKIN)).isEqualTo(9411);
    }

    @Test
    void givesEachCommandThatStartsAStackTheSameOptionsWithItsOwnDefaults() {
        FaultsCommand faults = parse(FaultsCommand.class, "faults", "--repo", "/repo",
                "--jvm-option=-Dpipeline.inbox.sequence-check=false", "8");
        StackConfig config = faults.stack.config(Path.of("/state"), 8180, 9192).build();

        assertThat(config.repoRoot()).isEqualTo(Path.of("/repo"));
        assertThat(config.servicePortBase()).isEqualTo(8180);
        assertThat(config.kafkaControllerPort()).isEqualTo(9193);
        assertThat(config.serviceJvmOptions()).containsAll(StackConfig.DEFAULT_SERVICE_JVM_OPTIONS)
                .endsWith("-Dpipeline.inbox.sequence-check=false");
        BenchCommand bench = parse(BenchCommand.class, "bench", "--port-base", "28080", "--jvm-option", "-Dx=y");
        assertThat(bench.stack.portBase(18080)).isEqualTo(28080);
        assertThat(bench.stack.kafkaPort(19092)).isEqualTo(19092);
        assertThat(bench.stack.jvmOptions).containsExactly("-Dx=y");
    }

    @Test
    void runsPrometheusBesideTheStackOnlyWhenAskedFor() {
        assertThat(parse(UpCommand.class, "up", "--repo", "/repo").config().tools()).doesNotContainKey(Component.PROMETHEUS);
        assertThat(parse(UpCommand.class, "up", "--repo", "/repo", "--prometheus").config().tools())
                .containsEntry(Component.PROMETHEUS, 9090);
    }

    @Test
    void keepsThePaymentWindowOfItsCallersEnvironmentForEveryServiceAndNothingElse() {
        UpCommand up = parse(UpCommand.class, "up", "--repo", "/repo");
        up.environment = Map.of("PIPELINE_PAYMENT_TIMEOUT", "20s", "PIPELINE_ADMIN_PASSWORD", "secret", "PATH", "/bin");

        StackConfig config = up.config();

        for (Component service : Component.services()) {
            assertThat(config.extraEnv().get(service)).as(service.id())
                    .containsExactlyEntriesOf(Map.of("PIPELINE_PAYMENT_TIMEOUT", "20s"));
        }
        UpCommand unset = parse(UpCommand.class, "up", "--repo", "/repo");
        unset.environment = Map.of("PATH", "/bin");
        assertThat(unset.config().extraEnv().values()).allSatisfy(vars -> assertThat(vars).isEmpty());
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = PipelineCli.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }
}
