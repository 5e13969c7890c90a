package io.orderpipeline.faults.scenario;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.FaultSuite;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.OrderDriver.Flow;
import io.orderpipeline.faults.Pause;
import io.orderpipeline.faults.ScenarioResult;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Service;
import io.orderpipeline.stack.Component;

/**
 * Scenario 9, leader-kill (cluster stack only): while orders flow, the broker node leading the busiest work —
 * on Kafka the leader of partition 0 of {@code orders.placed}, on RabbitMQ the node holding the leader of
 * inventory-service's quorum queue {@code orders.placed.inventory-service-0} — is killed with SIGKILL, left down
 * for {@link #DOWN}, and started again. Lost 0 and duplicate effects 0 must hold as in every scenario; the note
 * reports the longest time in which no order became final (sampled every {@link #SAMPLE}) between the kill and the
 * drain.
 */
public final class LeaderKill implements FaultScenario {

    /** How long the killed node stays down. */
    static final Duration DOWN = Duration.ofSeconds(5);
    /** How often the final orders are counted for the time without progress. */
    static final Duration SAMPLE = Duration.ofMillis(200);

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String id() {
        return "leader-kill";
    }

    @Override
    public String description() {
        return "the broker node leading a busy partition / quorum queue killed (SIGKILL) mid-stream and restarted"
                + " (cluster stack)";
    }

    @Override
    public List<ScenarioResult> run(FaultSuite suite) {
        long dead = suite.broker().deadLetterCount();
        int n = suite.settings().orders();
        Flow flow = suite.flow("s9", n);
        flow.awaitDone(n / 3);
        String destination = Topology.ORDERS_PLACED.name();
        Component leader = suite.broker().leaderNode(destination, Service.INVENTORY.id(), 0);
        Progress progress = new Progress(suite);
        Thread sampler = new Thread(progress, "leader-kill-progress");
        sampler.setDaemon(true);
        sampler.start();
        Instant killed = Instant.now();
        Instant healed;
        try {
            suite.log("  killing " + leader + ", the leader of " + destination + " partition 0 for "
                    + Service.INVENTORY.id());
            suite.stack().kill(leader);
            Pause.of(DOWN);
        } finally {
            suite.stack().start(leader);
            healed = Instant.now();
        }
        List<Attempt> attempts = flow.await();
        ScenarioResult result = suite.account(label(), attempts, healed, dead, 0, List.of(), "");
        progress.stop();
        try {
            sampler.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> violations = new ArrayList<>(result.violations());
        violations.addAll(progress.errors());
        String note = "killed " + leader + " (leader of " + destination + "-0), down "
                + Duration.between(killed, healed).toMillis() + " ms including its restart; longest time without an"
                + " order becoming final " + progress.longestStall().toMillis() + " ms";
        return List.of(new ScenarioResult(result.binder(), result.scenario(), result.attempted(), result.accepted(),
                result.finalOrders(), result.lost(), result.duplicates(), result.contradictions(), result.deadLettered(),
                result.expectedDead(), result.drain(), violations, result.details(), note));
    }

    /**
     * Counts order-service's final orders every {@link #SAMPLE} and keeps the longest interval in which the count
     * did not grow although orders were still pending.
     */
    private static final class Progress implements Runnable {
        private final FaultSuite suite;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> errors = new ArrayList<>();
        private volatile Duration longest = Duration.ZERO;

        Progress(FaultSuite suite) {
            this.suite = suite;
        }

        @Override
        public void run() {
            long lastCount = -1;
            Instant lastChange = Instant.now();
            while (running.get()) {
                try {
                    long finals = suite.databases().single(Component.ORDER_SERVICE,
                            "SELECT COUNT(*) FROM orders WHERE status <> 'PENDING'");
                    long pending = suite.databases().single(Component.ORDER_SERVICE,
                            "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'");
                    Instant now = Instant.now();
                    if (finals != lastCount || pending == 0) {
                        lastCount = finals;
                        lastChange = now;
                    } else if (Duration.between(lastChange, now).compareTo(longest) > 0) {
                        longest = Duration.between(lastChange, now);
                    }
                } catch (SQLException e) {
                    synchronized (errors) {
                        if (errors.isEmpty()) {
                            errors.add("progress sampling failed: " + e.getMessage());
                        }
                    }
                }
                Pause.of(SAMPLE);
            }
        }

        void stop() {
            running.set(false);
        }

        Duration longestStall() {
            return longest;
        }

        List<String> errors() {
            synchronized (errors) {
                return List.copyOf(errors);
            }
        }
    }
}
