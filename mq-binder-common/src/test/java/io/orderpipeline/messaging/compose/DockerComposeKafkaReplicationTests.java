package io.orderpipeline.messaging.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml's Kafka cluster and the services' Kafka binder defaults agree: with {@code acks=all} (the
 * library's producers) a write is acknowledged only once {@code min.insync.replicas} replicas have it, so a topic
 * with fewer replicas refuses every send ({@code NOT_ENOUGH_REPLICAS}; Kafka documentation, "min.insync.replicas").
 * The binder creates its topics with {@code spring.cloud.stream.kafka.binder.replication-factor}
 * (pipeline-defaults-kafka.yml: {@code ${KAFKA_REPLICATION_FACTOR:1}}), not with the brokers' default, so each
 * service in the stack must be given a factor of at least {@code min.insync.replicas} and at most the number of
 * brokers. Reads the files as they are, so the two cannot drift apart again.
 */
class DockerComposeKafkaReplicationTests {

    private static final String BINDER_REPLICATION_FACTOR = "spring.cloud.stream.kafka.binder.replication-factor";

    static Map<String, Map<String, Object>> services;
    static Map<String, Map<String, Object>> brokers;
    static Map<String, Map<String, Object>> applications;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        // merge keys (<<: *service-env) are resolved by SnakeYAML's safe constructor
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(projectRoot().resolve("docker-compose.yml"))) {
            compose = yaml.load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        brokers = new LinkedHashMap<>();
        applications = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (defaultImage(String.valueOf(service.get("image"))).startsWith("apache/kafka")) {
                brokers.put(name, service);
            }
            else if (service.containsKey("build")) {
                applications.put(name, service);
            }
        });
        assertThat(brokers).as("Kafka brokers in docker-compose.yml").hasSize(3);
        assertThat(applications).as("services in docker-compose.yml")
                .containsOnlyKeys("order-service", "inventory-service", "points-service", "sms-service", "coupon-service");
    }

    /**
     * @param image a compose image, e.g. {@code ${KAFKA_IMAGE:-apache/kafka:4.3.1}} (overridable for this machine's
     *              local images, docs/docker-compose.md)
     * @return the image a user without the variable gets: {@code apache/kafka:4.3.1}
     */
    static String defaultImage(String image) {
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\$\\{[A-Z_]+:-(.+)}").matcher(image);
        return variable.matches() ? variable.group(1) : image;
    }

    @Test
    void everyServiceCreatesTopicsWithAtLeastMinInsyncReplicasAndAtMostTheBrokerCount() throws IOException {
        int minInsync = brokerSetting("KAFKA_MIN_INSYNC_REPLICAS");
        assertThat(minInsync).isGreaterThanOrEqualTo(2);
        for (Map.Entry<String, Map<String, Object>> application : applications.entrySet()) {
            Map<String, String> env = environment(application.getValue());
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).as(application.getKey() + " can run the kafka profile")
                    .contains("kafka");
            int factor = binderReplicationFactor(env);
            assertThat(factor).as(application.getKey() + ": " + BINDER_REPLICATION_FACTOR
                    + " >= the brokers' min.insync.replicas").isGreaterThanOrEqualTo(minInsync);
            assertThat(factor).as(application.getKey() + ": replication factor <= brokers").isLessThanOrEqualTo(brokers.size());
        }
    }

    @Test
    void theBrokersOwnTopicsAndDefaultAreReplicatedAtLeastMinInsyncTimes() {
        int minInsync = brokerSetting("KAFKA_MIN_INSYNC_REPLICAS");
        assertThat(brokerSetting("KAFKA_DEFAULT_REPLICATION_FACTOR")).isBetween(minInsync, brokers.size());
        // consumer offsets are committed with acks=all too
        assertThat(brokerSetting("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isBetween(minInsync, brokers.size());
        assertThat(brokerSetting("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"))
                .isBetween(brokerSetting("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"), brokers.size());
    }

    @Test
    void withoutTheEnvironmentTheBinderDefaultFitsTheSingleLocalBroker() throws IOException {
        assertThat(binderReplicationFactor(Map.of())).isEqualTo(1);
    }

    @Test
    void noServiceOverridesTheLibrarysReplicationFactor() throws IOException {
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(projectRoot(), "*-service")) {
            for (Path module : modules) {
                Path resources = module.resolve("src/main/resources");
                if (!Files.isDirectory(resources)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(resources, "application*.{yml,yaml,properties}")) {
                    for (Path file : files) {
                        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("replication-factor");
                    }
                }
            }
        }
    }

    /** The factor the service's binder uses: pipeline-defaults-kafka.yml resolved against the service's environment. */
    private static int binderReplicationFactor(Map<String, String> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("compose", new LinkedHashMap<>(env)));
        List<PropertySource<?>> defaults = new YamlPropertySourceLoader().load("pipeline-defaults-kafka.yml",
                new ClassPathResource("pipeline-defaults-kafka.yml"));
        defaults.forEach(environment.getPropertySources()::addLast);
        return environment.getRequiredProperty(BINDER_REPLICATION_FACTOR, Integer.class);
    }

    private static int brokerSetting(String name) {
        Integer value = null;
        for (Map.Entry<String, Map<String, Object>> broker : brokers.entrySet()) {
            String setting = environment(broker.getValue()).get(name);
            assertThat(setting).as(broker.getKey() + " " + name).isNotNull();
            assertThat(value == null || value == Integer.parseInt(setting)).as(name + " the same on every broker").isTrue();
            value = Integer.parseInt(setting);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((key, value) -> env.put(key, String.valueOf(value)));
        return env;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a parent directory with docker-compose.yml").isNotNull();
        return dir;
    }
}
