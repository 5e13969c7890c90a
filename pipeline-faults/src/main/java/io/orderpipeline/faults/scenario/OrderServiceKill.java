package io.orderpipeline.faults.scenario;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.stack.Component;

/** Scenario 2, order-kill: kill -9 order-service between commit and publish, then restart it. */
public final class OrderServiceKill implements FaultScenario {

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String id() {
        return "order-kill";
    }

    @Override
    public String description() {
        return "kill -9 order-service between commit and publish, then restart it";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s2", n, suite.settings().ratePerSecond() * 2, 0, List.of("SKU-0011", "SKU-0021"));
        flow.awaitDone(n / 2);
        suite.stack().kill(Component.ORDER_SERVICE);
        long pending = suite.accounting().outboxBacklog();
        List<Attempt> attempts = flow.await();
        suite.stack().start(Component.ORDER_SERVICE);
        Instant healed = Instant.now();
        return List.of(suite.account(label(), attempts, healed, dead, 0, List.of(),
                "outbox rows pending at the kill: " + pending));
    }
}
