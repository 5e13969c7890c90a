package io.orderpipeline.messaging.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingDefaultsTests {

    @Test
    void excludesTracingAndExemplarsWithoutAnEndpointKeepingTheApplicationsOwnExcludes() {
        StandardEnvironment environment = environment(Map.of(TracingDefaults.EXCLUDE, "com.example.Other"));

        new TracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(TracingDefaults.EXCLUDE).split(","))
                .contains("com.example.Other", TracingDefaults.EXEMPLARS_AUTO_CONFIGURATION)
                .contains(TracingDefaults.TRACING_AUTO_CONFIGURATIONS.toArray(String[]::new));
        assertThat(environment.getProperty("management.tracing.export.zipkin.endpoint")).isNull();
    }

    @Test
    void tracesEverySpanInW3cToTheEndpointButStillExcludesExemplars() {
        StandardEnvironment environment = environment(Map.of(TracingDefaults.ENDPOINT, "http://127.0.0.1:19411/api/v2/spans"));

        new TracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(TracingDefaults.EXCLUDE).split(","))
                .containsExactly(TracingDefaults.EXEMPLARS_AUTO_CONFIGURATION);
        assertThat(environment.getProperty("management.tracing.export.zipkin.endpoint"))
                .isEqualTo("http://127.0.0.1:19411/api/v2/spans");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("management.tracing.propagation.type")).isEqualTo("W3C");
    }

    @Test
    void leavesTheServicesOwnSamplingAbove() {
        StandardEnvironment environment = environment(Map.of(TracingDefaults.ENDPOINT, "http://127.0.0.1:19411/api/v2/spans",
                "management.tracing.sampling.probability", "0.25"));

        new TracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
