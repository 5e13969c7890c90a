package io.orderpipeline.cli.faults;

import io.orderpipeline.cli.Binder;

/** The fast fault suite on RabbitMQ (the local broker, a virtual host of its own). */
class FaultSuiteRabbitIT extends AbstractFaultSuiteIT {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }
}
