package io.orderpipeline.coupon.it;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CouponMessagingScenario} on RabbitMQ (vhost {@code it-coupon}) and MySQL (database {@code it_coupon_rabbit}). */
@ActiveProfiles({"rabbit", "mysql"})
class CouponMessagingRabbitIT extends CouponMessagingScenario {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-coupon");
        TestInfrastructure.mysql(registry, "it_coupon_rabbit");
    }

    @Override
    protected ContractBroker connect() {
        return new RabbitContractBroker(rabbit, Topology.DEFAULT_PARTITION_COUNT);
    }
}
