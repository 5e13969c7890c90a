package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The fast fault suite on Kafka (a one-node KRaft broker process of the suite's own stack). */
class FaultSuiteKafkaIT extends AbstractFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }
}
