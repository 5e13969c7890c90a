package io.orderpipeline.messaging.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyDefaultsTests {

    private static final String REQUIRED_GROUPS = "spring.cloud.stream.bindings.%s.producer.required-groups";

    @Test
    void givesEachProducedDestinationsBindingItsConsumerGroupsAsRequiredGroups() {
        StandardEnvironment environment = postProcessed(Map.of("spring.application.name", "order-service"));

        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderPlaced-out-0"))).isEqualTo("inventory-service");
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderConfirmed-out-0")))
                .isEqualTo("points-service,sms-service,coupon-service");
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderRejected-out-0"))).isEqualTo("sms-service");
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("reserveStock-out-0"))).isNull();
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("paymentDue-out-0"))).isEqualTo("order-service");
    }

    @Test
    void givesTheSagaDestinationsTheirCompensatingGroups() {
        StandardEnvironment environment = postProcessed(Map.of("spring.application.name", "order-service"));

        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderPaid-out-0"))).isEqualTo("sms-service");
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderCancelled-out-0")))
                .isEqualTo("inventory-service,points-service,coupon-service,sms-service");
        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("correctionIssued-out-0")))
                .isEqualTo("inventory-service,points-service,coupon-service,sms-service");
    }

    @Test
    void givesAProcessorsOutputItsConsumerGroups() {
        StandardEnvironment environment = postProcessed(Map.of("spring.application.name", "inventory-service"));

        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("reserveStock-out-0"))).isEqualTo("order-service");
    }

    @Test
    void givesAServiceThatProducesNothingOrIsUnknownNoRequiredGroups() {
        assertThat(TopologyDefaults.of("points-service")).containsOnlyKeys(TopologyDefaults.PARTITION_COUNT);
        assertThat(TopologyDefaults.of("billing-service")).containsOnlyKeys(TopologyDefaults.PARTITION_COUNT);
        assertThat(TopologyDefaults.of(null)).containsOnlyKeys(TopologyDefaults.PARTITION_COUNT);
    }

    @Test
    void staysBelowWhatTheApplicationConfigures() {
        StandardEnvironment environment = postProcessed(Map.of("spring.application.name", "order-service",
                REQUIRED_GROUPS.formatted("orderRejected-out-0"), "sms-service,audit-service"));

        assertThat(environment.getProperty(REQUIRED_GROUPS.formatted("orderRejected-out-0")))
                .isEqualTo("sms-service,audit-service");
        assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
                .isEqualTo(PipelineDefaultsEnvironmentPostProcessor.TOPOLOGY_SOURCE);
    }

    @Test
    void takesThePartitionCountFromTheTopologyUnlessPipelinePartitionsIsSet() {
        StandardEnvironment defaults = postProcessed(Map.of("spring.application.name", "sms-service"));
        assertThat(defaults.getProperty("pipeline.messaging.partition-count", Integer.class)).isEqualTo(4);
        assertThat(defaults.getProperty("pipeline.messaging.partition-indexes")).isEqualTo("0,1,2,3");

        StandardEnvironment six = postProcessed(Map.of("spring.application.name", "sms-service",
                "PIPELINE_PARTITIONS", "6"));
        assertThat(six.getProperty("spring.cloud.stream.default.producer.partition-count", Integer.class)).isEqualTo(6);
        assertThat(six.getProperty("pipeline.messaging.partition-indexes")).isEqualTo("0,1,2,3,4,5");
    }

    private static StandardEnvironment postProcessed(Map<String, Object> applicationProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", applicationProperties));
        new PipelineDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
