package io.orderpipeline.console;

import java.util.List;
import java.util.Map;

import io.orderpipeline.console.PrometheusText.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

    @Test
    void readsNamesLabelsWithEscapesAndSpecialValuesAndSkipsCommentsAndOddLines() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP inbox_applied_total Events applied
                # TYPE inbox_applied_total counter
                inbox_applied_total{group="points-service",} 42.0
                jvm_threads_live_threads 17
                weird{path="a \\"quoted\\" \\\\ value"} +Inf 1700000000000
                gauge_nan NaN
                this line is not a sample
                """);

        assertThat(samples).containsExactly(
                new Sample("inbox_applied_total", Map.of("group", "points-service"), 42.0),
                new Sample("jvm_threads_live_threads", Map.of(), 17.0),
                new Sample("weird", Map.of("path", "a \"quoted\" \\ value"), Double.POSITIVE_INFINITY),
                new Sample("gauge_nan", Map.of(), Double.NaN));
    }
}
