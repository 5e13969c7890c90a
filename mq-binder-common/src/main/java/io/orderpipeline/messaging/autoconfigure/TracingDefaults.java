package io.orderpipeline.messaging.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing is off unless asked for, so it costs no CPU by default: without {@value #ENDPOINT} (environment variable
 * {@code PIPELINE_ZIPKIN_ENDPOINT}, e.g. {@code http://127.0.0.1:9411/api/v2/spans}) Boot's tracing and Zipkin
 * auto-configurations are excluded ({@code spring.autoconfigure.exclude}, added to what the application excludes).
 * With it, every span is sampled ({@code management.tracing.sampling.probability=1.0}), propagated as W3C Trace
 * Context ({@code traceparent} / {@code tracestate} headers) and reported to that Zipkin endpoint
 * ({@code management.tracing.export.zipkin.endpoint}); the service's own configuration can still override those.
 *
 * <p>Boot's Prometheus exemplars auto-configuration is excluded always: with a tracer, Micrometer writes exemplars
 * on the {@code _count} lines of summaries in the OpenMetrics output, which Prometheus 2.42 (Debian's) rejects,
 * failing the whole scrape.
 */
public class TracingDefaults implements EnvironmentPostProcessor, Ordered {

    /** Where spans are reported; tracing is on when it is set. */
    public static final String ENDPOINT = "pipeline.zipkin.endpoint";

    static final String EXCLUDE = "spring.autoconfigure.exclude";
    static final String EXCLUDES_SOURCE = "pipelineTracingExcludes";
    static final String DEFAULTS_SOURCE = "pipelineTracingDefaults";

    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration",
            "org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration");
    static final String EXEMPLARS_AUTO_CONFIGURATION =
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT);
        boolean on = StringUtils.hasText(endpoint);
        List<String> excludes = new ArrayList<>();
        String configured = environment.getProperty(EXCLUDE);
        if (StringUtils.hasText(configured)) {
            excludes.addAll(StringUtils.commaDelimitedListToSet(configured.replace(" ", "")));
        }
        excludes.add(EXEMPLARS_AUTO_CONFIGURATION);
        if (!on) {
            excludes.addAll(TRACING_AUTO_CONFIGURATIONS);
        }
        // first: the merged list replaces the application's own (a property's highest source wins)
        environment.getPropertySources().addFirst(new MapPropertySource(EXCLUDES_SOURCE,
                Map.of(EXCLUDE, String.join(",", excludes))));
        if (on) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("management.tracing.export.zipkin.endpoint", endpoint);
            defaults.put("management.tracing.sampling.probability", "1.0");
            defaults.put("management.tracing.propagation.type", "W3C");
            environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
        }
    }

    /** After the config data, so the application's own {@code spring.autoconfigure.exclude} is known. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }
}
