package io.orderpipeline.faults.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.ScenarioResult;

/** Scenario 5, db-restart: database killed and restarted while orders flow: 503 problem details, nothing lost. */
public final class DatabaseRestart implements FaultScenario {

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String id() {
        return "db-restart";
    }

    @Override
    public String description() {
        return "database killed and restarted while orders flow: 503 problem details, nothing lost";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s5", n);
        flow.awaitDone(n / 3);
        Instant crashed = Instant.now();
        try {
            suite.database().crash();
        } finally {
            suite.database().restart();
        }
        Instant healed = Instant.now();
        List<Attempt> attempts = flow.await();
        List<String> violations = new ArrayList<>();
        for (Attempt attempt : attempts) {
            boolean problem503 = attempt.status() == 503 && attempt.contentType().startsWith("application/problem+json");
            if (!attempt.accepted() && !problem503) {
                violations.add("request " + attempt.index() + " got " + (attempt.status() == 0 ? "no answer"
                        : attempt.status() + " " + attempt.contentType()) + " instead of 202 or 503 problem+json");
            }
        }
        long unavailable = attempts.stream().filter(a -> a.status() == 503).count();
        return List.of(suite.account(label(), attempts, healed, dead, 0, violations.stream().limit(5).toList(),
                "database down " + Duration.between(crashed, healed).toMillis() + " ms, " + unavailable
                        + " requests answered 503"));
    }
}
