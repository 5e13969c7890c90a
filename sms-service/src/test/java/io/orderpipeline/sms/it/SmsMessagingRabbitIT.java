package io.orderpipeline.sms.it;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.RabbitContractBroker;
import io.orderpipeline.messaging.testing.TestInfrastructure;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SmsMessagingScenario} on RabbitMQ (vhost {@code it-sms}) and MySQL (database {@code it_sms_rabbit}). */
@ActiveProfiles({"rabbit", "mysql"})
class SmsMessagingRabbitIT extends SmsMessagingScenario {

    static TestInfrastructure.RabbitEndpoint rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        rabbit = TestInfrastructure.rabbit(registry, "it-sms");
        TestInfrastructure.mysql(registry, "it_sms_rabbit");
    }

    @Override
    protected ContractBroker connect() {
        return new RabbitContractBroker(rabbit, Topology.DEFAULT_PARTITION_COUNT);
    }
}
