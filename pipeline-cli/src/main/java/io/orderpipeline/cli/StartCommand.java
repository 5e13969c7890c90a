package io.orderpipeline.cli;

import java.util.concurrent.Callable;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.ComponentStatus;
import io.orderpipeline.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline start COMPONENT}: starts one component again with the running stack's settings. */
@Command(name = "start", description = "Starts one component again with the settings of the running stack, waits until UP.")
final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Parameters(paramLabel = "COMPONENT", description = "kafka, a cluster node (kafka-1..3, rabbit-1..3) or a service name (order, order-service, ...)")
    Component component;

    @Override
    public Integer call() {
        Stack stack = location.attached();
        stack.start(component);
        ComponentStatus status = stack.status(component);
        spec.commandLine().getOut().println(component + " is UP (pid " + status.pid().orElse(-1)
                + ", port " + status.port() + ").");
        return 0;
    }
}
