package io.orderpipeline.faults.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.stack.Component;

/** Scenario 1, consumer-kill: kill -9 each consumer service mid-stream, then restart it. */
public final class ConsumerKill implements FaultScenario {

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String id() {
        return "consumer-kill";
    }

    @Override
    public String description() {
        return "kill -9 each consumer service mid-stream, then restart it";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        List<Component> consumers = List.of(Component.INVENTORY_SERVICE, Component.POINTS_SERVICE,
                Component.SMS_SERVICE, Component.COUPON_SERVICE);
        if (suite.settings().quick()) {
            return List.of(killAndRestart(suite, consumers, label() + " all consumers"));
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Component consumer : consumers) {
            results.add(killAndRestart(suite, List.of(consumer), label() + " " + consumer.id()));
        }
        return results;
    }

    private ScenarioResult killAndRestart(FaultSuite suite, List<Component> victims, String name) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s1", n);
        flow.awaitDone(n / 3);
        victims.forEach(suite.stack()::kill);
        victims.forEach(suite.stack()::start);
        Instant healed = Instant.now();
        return suite.account(name, flow.await(), healed, dead, 0, List.of(), "");
    }
}
