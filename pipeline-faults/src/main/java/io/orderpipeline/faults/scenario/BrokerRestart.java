package io.orderpipeline.faults.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.Pause;
import io.orderpipeline.faults.ScenarioResult;

/** Scenario 3, broker-restart: broker stopped and started while orders flow. */
public final class BrokerRestart implements FaultScenario {

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String id() {
        return "broker-restart";
    }

    @Override
    public String description() {
        return "broker stopped and started while orders flow";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s3", n);
        flow.awaitDone(n / 3);
        Instant stopped = Instant.now();
        try {
            suite.broker().stop();
            Pause.of(Duration.ofSeconds(1));
        } finally {
            suite.broker().start();
        }
        Instant healed = Instant.now();
        return List.of(suite.account(label(), flow.await(), healed, dead, 0, List.of(),
                "broker down " + Duration.between(stopped, healed).toMillis() + " ms"));
    }
}
