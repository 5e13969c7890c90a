package io.orderpipeline.cli.faults;

import io.orderpipeline.cli.Binder;

/** The fast fault suite on Kafka (a one-node KRaft broker process of the suite's own stack). */
class FaultSuiteKafkaIT extends AbstractFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }
}
