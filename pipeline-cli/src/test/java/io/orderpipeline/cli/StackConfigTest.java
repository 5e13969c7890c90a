package io.orderpipeline.cli;

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
                .build();

        StackConfig restored = StackConfig.fromProperties(repo, saved.stateDir(), saved.toProperties());

        assertThat(restored).usingRecursiveComparison().ignoringFields("stopGrace", "brokerClasspath").isEqualTo(saved);
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
