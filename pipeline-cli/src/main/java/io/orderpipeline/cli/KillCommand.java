package io.orderpipeline.cli;

import java.util.concurrent.Callable;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline kill COMPONENT}: SIGKILL, no graceful shutdown. */
@Command(name = "kill", description = "Kills one component with SIGKILL (no graceful shutdown).")
final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Parameters(paramLabel = "COMPONENT", description = "kafka, a cluster node (kafka-1..3, rabbit-1..3) or a service name (order, order-service, ...)")
    Component component;

    @Override
    public Integer call() {
        Stack stack = location.attached();
        long pid = stack.process(component)
                .orElseThrow(() -> new StackException(component + " is not running"))
                .pid();
        stack.kill(component);
        spec.commandLine().getOut().println("Killed " + component + " (pid " + pid + ") with SIGKILL.");
        return 0;
    }
}
