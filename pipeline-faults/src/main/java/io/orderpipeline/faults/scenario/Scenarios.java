package io.orderpipeline.faults.scenario;

import java.util.List;
import java.util.Locale;

import io.orderpipeline.faults.FaultScenario;

/** The fault scenarios in their numbering; {@code ./pipeline faults} runs them in this order. */
public final class Scenarios {

    /** Every scenario, by number. */
    public static final List<FaultScenario> ALL = List.of(new ConsumerKill(), new OrderServiceKill(),
            new BrokerRestart(), new BrokerDown(), new DatabaseRestart(), new DuplicateDelivery(), new Poison(),
            new Ordering());

    /** The scenarios that need a cluster stack ({@code pipeline up --cluster}), by number. */
    public static final List<FaultScenario> CLUSTER = List.of(new LeaderKill());

    private Scenarios() {
    }

    /**
     * Parses a scenario as typed: its number ({@code 3}) or its name ({@code broker-restart}, {@code BROKER_RESTART}).
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static FaultScenario parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return ALL.stream()
                .filter(s -> Integer.toString(s.number()).equals(wanted) || s.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + text + "', expected 1-"
                        + ALL.size() + " or one of " + ALL.stream().map(FaultScenario::id).toList()));
    }
}
