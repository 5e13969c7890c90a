package io.orderpipeline.e2e;

import io.orderpipeline.stack.Binder;

/** The fast fault suite on RabbitMQ (the local broker, a virtual host of its own). */
class FaultSuiteRabbitIT extends AbstractFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }
}
