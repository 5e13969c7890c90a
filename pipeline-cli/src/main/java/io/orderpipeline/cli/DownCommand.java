package io.orderpipeline.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.orderpipeline.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pipeline down}: stops every process of the stack in the state directory. */
@Command(name = "down", description = "Stops every process of the stack (SIGTERM, then SIGKILL after a grace period).")
final class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Stack> stack = location.find();
        if (stack.isEmpty()) {
            out.println("Nothing to stop: no stack was started in " + location.stateDir());
            return 0;
        }
        stack.get().down();
        out.println("Stopped.");
        return 0;
    }
}
