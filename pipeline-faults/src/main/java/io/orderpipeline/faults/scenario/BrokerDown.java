package io.orderpipeline.faults.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.ScenarioResult;

/** Scenario 4, broker-down: broker down while orders are placed; every 202 processed after it returns. */
public final class BrokerDown implements FaultScenario {

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String id() {
        return "broker-down";
    }

    @Override
    public String description() {
        return "broker down while orders are placed; every 202 processed after it returns";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        List<Attempt> attempts;
        long backlog;
        Instant stopped = Instant.now();
        suite.broker().stop();
        try {
            // as fast as the service takes them: the outage of the shared broker stays short
            attempts = suite.flow("s4", n, Math.max(100, suite.settings().ratePerSecond()), 0,
                    List.of("SKU-0012", "SKU-0022", "SKU-0032")).await();
            backlog = suite.accounting().outboxBacklog();
        } finally {
            suite.broker().start();
        }
        Instant healed = Instant.now();
        List<String> violations = new ArrayList<>();
        long refused = attempts.stream().filter(a -> !a.accepted()).count();
        if (refused > 0) {
            violations.add(refused + " requests not accepted while only the broker was down");
        }
        return List.of(suite.account(label(), attempts, healed, dead, 0, violations,
                "broker down " + Duration.between(stopped, healed).toMillis() + " ms, outbox backlog "
                        + backlog + " before it returned"));
    }
}
