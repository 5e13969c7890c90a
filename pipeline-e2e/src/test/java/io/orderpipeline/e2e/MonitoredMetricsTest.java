package io.orderpipeline.e2e;

import java.nio.file.Path;

import io.orderpipeline.stack.Binder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoredMetricsTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @Test
    void findsTheMetricsOfAnExpressionButNotItsFunctionsLabelsRangesOrClauses() {
        assertThat(MonitoredMetrics.namesIn(
                "sum by (destination, group) (increase(pipeline_dead_letters_total{group=\"a-b\",x=~\"y.*\"}[5m])) > 0"
                        + " and on (group) rate(http_server_requests_seconds_count[1m]) / 1e3 unless up == 0"))
                .containsExactly("http_server_requests_seconds_count", "pipeline_dead_letters_total", "up");
    }

    @Test
    void readsTheDashboardsAndTheRulesOfTheRepository() {
        assertThat(MonitoredMetrics.named(REPO)).contains("outbox_backlog_messages", "pipeline_dead_letters_total",
                "pipeline_backlog_messages", "spring_cloud_stream_binder_kafka_offset", "rabbitmq_queue_messages_ready");
    }

    @Test
    void expectsEachBindersOwnMetricsOnlyOnThatBinder() {
        assertThat(MonitoredMetrics.expectedOn(Binder.KAFKA, REPO)).contains("spring_cloud_stream_binder_kafka_offset")
                .doesNotContain("pipeline_backlog_messages", "rabbitmq_queue_messages_ready", "up");
        assertThat(MonitoredMetrics.expectedOn(Binder.RABBIT, REPO))
                .contains("pipeline_backlog_messages", "rabbitmq_queue_messages_ready")
                .doesNotContain("spring_cloud_stream_binder_kafka_offset", "up");
    }
}
