package io.orderpipeline.stack;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigTest {

    private final Path repo = Path.of("/repo");

    @Test
    void placesServicesOnConsecutivePortsFromTheBase() {
        StackConfig config = StackConfig.builder(repo).servicePortBase(18080).kafkaPorts(19092, 19093).build();

        assertThat(config.port(Component.ORDER_SERVICE)).isEqualTo(18080);
        assertThat(config.port(Component.COUPON_SERVICE)).isEqualTo(18084);
        assertThat(config.port(Component.KAFKA)).isEqualTo(19092);
        assertThat(config.stateDir()).isEqualTo(Path.of("/repo/.pipeline"));
    }

    @Test
    void restoresTheSettingsALaterInvocationNeeds() {
        StackConfig saved = StackConfig.builder(repo)
                .binder(Binder.RABBIT)
                .database(Database.MYSQL)
                .servicePortBase(9000)
                .healthTimeout(Duration.ofSeconds(90))
                .env(Component.POINTS_SERVICE, "RABBITMQ_VHOST", "/pipeline")
                .bindAddress(StackConfig.ALL_INTERFACES)
                .tool(Component.ZIPKIN, 19411)
                .build();

        StackConfig restored = SavedConfig.fromProperties(repo, saved.stateDir(), SavedConfig.toProperties(saved));

        assertThat(restored).usingRecursiveComparison().ignoringFields("stopGrace", "brokerClasspath").isEqualTo(saved);
    }

    @Test
    void runsTheToolsAskedForAfterTheServicesOnTheirDefaultPorts() {
        StackConfig config = StackConfig.builder(repo).binder(Binder.RABBIT).tool(Component.CONSOLE)
                .servicePortBase(8180).tool(Component.PROMETHEUS).build();

        assertThat(config.components()).containsExactly(Component.ORDER_SERVICE, Component.INVENTORY_SERVICE,
                Component.POINTS_SERVICE, Component.SMS_SERVICE, Component.COUPON_SERVICE, Component.PROMETHEUS,
                Component.CONSOLE);
        assertThat(config.port(Component.CONSOLE)).isEqualTo(8185);
        assertThat(config.port(Component.PROMETHEUS)).isEqualTo(9090);
        assertThatThrownBy(() -> config.port(Component.ZIPKIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not part of this stack");
        assertThatThrownBy(() -> StackConfig.builder(repo).tool(Component.KAFKA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindsTheServicesToLoopbackUnlessExposed() {
        StackConfig exposed = StackConfig.builder(repo).bindAddress(StackConfig.ALL_INTERFACES).build();

        assertThat(StackConfig.builder(repo).build().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(SavedConfig.fromProperties(repo, exposed.stateDir(), SavedConfig.toProperties(exposed)).bindAddress())
                .isEqualTo("0.0.0.0");
    }

    @Test
    void namesTheFiveServicesOfTheTopology() {
        assertThat(Component.services()).extracting(Component::id).containsExactly("order-service",
                "inventory-service", "points-service", "sms-service", "coupon-service");
        assertThat(Component.services()).extracting(c -> c.service().orElseThrow())
                .containsExactly(io.orderpipeline.messaging.contract.Topology.Service.values());
    }

    @Test
    void parsesComponentNamesAsUsersTypeThem() {
        assertThat(Component.parse("order")).isEqualTo(Component.ORDER_SERVICE);
        assertThat(Component.parse("Inventory-Service")).isEqualTo(Component.INVENTORY_SERVICE);
        assertThat(Component.parse("kafka")).isEqualTo(Component.KAFKA);
        assertThatThrownBy(() -> Component.parse("billing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order-service");
    }
}
