package io.orderpipeline.messaging.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the pipeline's shared defaults below everything a service configures: {@code pipeline-defaults.yml}
 * (binder-neutral: retries, partitioning, actuator) and, for each active profile, {@code
 * pipeline-defaults-<profile>.yml} ({@code rabbit}, {@code kafka}: binder choice, broker address,
 * confirms, dead-letter settings; {@code mysql}: the datasource), and below them what the topology decides for the
 * application ({@link TopologyDefaults}: the producers' {@code required-groups}, the partition count). A service's
 * own {@code application*.yml}, environment variables and command-line arguments override any of them.
 */
public class PipelineDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the lowest property source, the one {@link TopologyDefaults} fills. */
    static final String TOPOLOGY_SOURCE = "pipelineTopologyDefaults";

    private final YamlPropertySourceLoader loader = new YamlPropertySourceLoader();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> names = new ArrayList<>();
        String[] profiles = environment.getActiveProfiles();
        for (int i = profiles.length - 1; i >= 0; i--) {
            names.add("pipeline-defaults-" + profiles[i] + ".yml");
        }
        names.add("pipeline-defaults.yml");
        MutablePropertySources sources = environment.getPropertySources();
        for (String name : names) {
            ClassPathResource resource = new ClassPathResource(name);
            if (resource.exists()) {
                try {
                    for (PropertySource<?> source : loader.load(name, resource)) {
                        sources.addLast(source);
                    }
                }
                catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + name, e);
                }
            }
        }
        Map<String, Object> topology = TopologyDefaults.of(environment.getProperty("spring.application.name"));
        sources.addLast(new MapPropertySource(TOPOLOGY_SOURCE, topology));
        Integer partitions = environment.getProperty(TopologyDefaults.PARTITION_COUNT, Integer.class);
        topology.put(TopologyDefaults.PARTITION_INDEXES, TopologyDefaults.partitionIndexes(partitions));
    }

    /** Runs after the config data (application.yml, profiles) is loaded, so active profiles are known. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
