package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusServerTest {

    @TempDir
    Path state;

    private final Path repo = Promtool.repositoryRoot();

    private StackConfig config(Binder binder) {
        return StackConfig.builder(repo).stateDir(state).binder(binder).servicePortBase(18180)
                .tool(Component.PROMETHEUS, 18188).build();
    }

    @Test
    void scrapesEveryServiceOnTheStacksPortsAndLoadsTheRepositorysRules() {
        String yaml = PrometheusServer.configuration(config(Binder.KAFKA));

        assertThat(yaml).contains("scrape_interval: 5s", "metrics_path: /actuator/prometheus",
                "\"" + repo.resolve("docker/prometheus/rules.yml") + "\"");
        for (Component service : Component.services()) {
            assertThat(yaml).contains("targets: [\"127.0.0.1:" + (18180 + service.portOffset()) + "\"]",
                    "labels: {service: \"" + service.id() + "\"}");
        }
        assertThat(yaml).as("no RabbitMQ on the Kafka binder").doesNotContain("15692");
    }

    @Test
    void scrapesRabbitMqsPluginOnTheRabbitBinder() {
        assertThat(PrometheusServer.configuration(config(Binder.RABBIT)))
                .contains("job_name: rabbitmq", "targets: [\"127.0.0.1:15692\"]");
    }

    @Test
    void generatedConfigurationPassesPromtool() throws Exception {
        for (Binder binder : Binder.values()) {
            new PrometheusServer().command(config(binder));
            Path file = PrometheusServer.configFile(config(binder));

            assertThat(Promtool.succeeds(state, "check", "config", file.toString()))
                    .contains("1 rule files found", "rules found");
        }
    }

    @Test
    void listensOnLoopbackAndKeepsItsDataInTheStateDirectory() {
        assertThat(new PrometheusServer().command(config(Binder.KAFKA))).containsExactly(
                "/usr/bin/prometheus",
                "--config.file=" + state.resolve("prometheus/prometheus.yml"),
                "--storage.tsdb.path=" + state.resolve("prometheus/data"),
                "--storage.tsdb.retention.time=1d",
                "--web.listen-address=127.0.0.1:18188");
        assertThat(Files.isRegularFile(state.resolve("prometheus/prometheus.yml"))).isTrue();
        assertThat(new PrometheusServer().healthPath()).isEqualTo("/-/ready");
    }

    @Test
    void preflightNamesThePackageWhenPrometheusIsMissing() {
        assertThat(new PrometheusServer(state.resolve("no-prometheus")).preflight(config(Binder.KAFKA)))
                .singleElement().asString().contains("apt-get install prometheus");
    }
}
