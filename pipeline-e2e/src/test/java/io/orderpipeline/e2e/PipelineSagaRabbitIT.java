package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The order's whole life on RabbitMQ: the payment timers in TTL wait queues dead-lettering to order-service. */
class PipelineSagaRabbitIT extends PipelineSagaScenario {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }
}
