package io.orderpipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.orderpipeline.stack.ComponentStatus;
import io.orderpipeline.stack.Health;
import io.orderpipeline.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pipeline status}: each component's pid, port and health (the actuator's top-level status). */
@Command(name = "status", description = "Shows each process: pid, port, health. Exits 3 when any is not UP.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Stack> stack = location.find();
        if (stack.isEmpty()) {
            out.println("No stack was started in " + location.stateDir() + ".");
            return PipelineCli.EXIT_NOT_UP;
        }
        out.println(PipelineCli.describe(stack.get().config()) + ", services bound to " + stack.get().config().bindAddress()
                + ", state in " + location.stateDir());
        out.printf("%-18s %8s %6s  %s%n", "COMPONENT", "PID", "PORT", "HEALTH");
        List<ComponentStatus> statuses = stack.get().status();
        for (ComponentStatus status : statuses) {
            String pid = status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-";
            out.printf("%-18s %8s %6d  %s%n", status.component(), pid, status.port(), status.health());
        }
        if (Files.exists(stack.get().adminPasswordFile())) {
            out.println("Actuator admin (user admin) password: " + stack.get().adminPasswordFile());
        }
        return statuses.stream().allMatch(s -> s.health() == Health.UP) ? 0 : PipelineCli.EXIT_NOT_UP;
    }
}
