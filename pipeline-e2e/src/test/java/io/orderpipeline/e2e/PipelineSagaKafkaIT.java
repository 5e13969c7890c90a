package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The order's whole life on Kafka: the payment timers held by their consumer on a KRaft broker process. */
class PipelineSagaKafkaIT extends PipelineSagaScenario {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }
}
