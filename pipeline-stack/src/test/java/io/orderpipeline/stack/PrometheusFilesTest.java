package io.orderpipeline.stack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's Prometheus files, checked by promtool (Debian's {@code prometheus} package; the test fails
 * without it): docker-compose's configuration, the alert rules and their unit tests
 * ({@code docker/prometheus/rules_test.yml}: every alert once firing, once not).
 */
class PrometheusFilesTest {

    private final Path files = Promtool.repositoryRoot().resolve("docker").resolve("prometheus");

    @Test
    void composeConfigurationIsValidAndLoadsTheRules() throws Exception {
        assertThat(Promtool.succeeds(files, "check", "config", "prometheus.yml")).contains("1 rule files found");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(Promtool.succeeds(files, "check", "rules", "rules.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
        assertThat(Promtool.succeeds(files, "test", "rules", "rules_test.yml")).contains("SUCCESS");
    }
}
