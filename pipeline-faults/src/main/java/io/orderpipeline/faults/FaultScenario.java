package io.orderpipeline.faults;

import java.util.List;

/**
 * One fault scenario: it injects its fault into the {@link FaultSuite}'s running stack while orders flow, waits
 * until the pipeline drained and returns the accounting. A new scenario is one class implementing this, listed in
 * {@code io.orderpipeline.faults.scenario.Scenarios#ALL}.
 */
public interface FaultScenario {

    /** @return the scenario's number on the command line, e.g. 3 */
    int number();

    /** @return the scenario's name on the command line, e.g. {@code broker-restart} */
    String id();

    /** @return one line on what it does and what must hold */
    String description();

    /**
     * Runs the scenario against the suite's stack.
     *
     * @return one result, or one per variant (scenario 1 in full mode: one per killed service)
     * @throws FaultException when the fault cannot be injected or the stack not read
     */
    List<ScenarioResult> run(FaultSuite suite);

    /** @return e.g. {@code 3 broker-restart} */
    default String label() {
        return number() + " " + id();
    }
}
