package io.orderpipeline.e2e;

import java.util.List;

import io.orderpipeline.faults.FaultScenario;
import io.orderpipeline.faults.scenario.Scenarios;

/**
 * The fault suite's cluster run ({@code pipeline up --cluster}): the cluster scenarios ({@link Scenarios#CLUSTER})
 * with 150 orders each; the binder and the check of the cluster's settings are the subclass's.
 */
abstract class AbstractClusterFaultSuiteIT extends AbstractFaultSuiteIT {

    @Override
    String runName() {
        return binder().name().toLowerCase() + "_cluster";
    }

    @Override
    boolean cluster() {
        return true;
    }

    @Override
    int orders() {
        return 150;
    }

    @Override
    List<FaultScenario> scenarios() {
        return Scenarios.CLUSTER;
    }
}
