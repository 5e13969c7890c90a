package io.orderpipeline.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSettings;
import io.orderpipeline.faults.Processes;
import io.orderpipeline.faults.scenario.Scenarios;
import io.orderpipeline.stack.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast fault suite on RabbitMQ with quorum queues ({@code PIPELINE_RABBIT_QUORUM=true}: the groups' partition
 * queues and their dead-letter queues are quorum queues), in a virtual host of its own that the suite creates new,
 * since a queue's type cannot change once declared. The scenarios that exercise the queues: consumers killed
 * (unacknowledged deliveries return), the broker restarted, duplicates, and poison dead-lettered and re-driven.
 */
class FaultSuiteRabbitQuorumIT extends AbstractFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }

    @Override
    String runName() {
        return "rabbit_quorum";
    }

    @Override
    Map<String, String> serviceEnvironment() {
        return Map.of("PIPELINE_RABBIT_QUORUM", "true");
    }

    @Override
    void verifyStack(FaultSettings settings) {
        String queues = Processes.run(List.of("rabbitmqctl", "-q", "list_queues", "-p", settings.vhost(), "name", "type"),
                Duration.ofSeconds(60));
        assertThat(queues.lines().filter(line -> !line.isBlank() && !line.startsWith("name")).toList())
                .as("the services declared quorum queues:%n%s", queues)
                .isNotEmpty()
                .allMatch(line -> line.trim().endsWith("quorum"));
    }

    @Override
    List<FaultScenario> scenarios() {
        return List.of(Scenarios.parse("consumer-kill"), Scenarios.parse("broker-restart"),
                Scenarios.parse("duplicates"), Scenarios.parse("poison"));
    }
}
