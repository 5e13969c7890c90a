package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The end-to-end scenarios on Kafka: a KRaft broker process, acks=all, partitions keyed by order id. */
class PipelineKafkaIT extends PipelineEndToEndScenario {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }
}
