package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The end-to-end scenarios on RabbitMQ: publisher confirms, durable partition queues, DLQs. */
class PipelineRabbitIT extends PipelineEndToEndScenario {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }
}
