package io.orderpipeline.stack;

import java.util.List;
import java.util.Map;

/**
 * How the stack runs one tool ({@link Component#isTool()}): the command, its environment, what the services must be
 * told when the tool runs, and how to tell it is ready. One implementation per tool, chosen by {@link #of(Component)};
 * the {@link Stack} starts, probes, kills and stops a tool like any other component.
 */
public interface ToolRecipe {

    /**
     * @return the problems that keep the tool from starting (a missing jar or binary, each with the command that
     * fixes it); empty when it can start
     */
    List<String> preflight(StackConfig config);

    /** @return the whole command line (program first) that runs the tool in the foreground, listening on {@code config.port(tool)} on 127.0.0.1 */
    List<String> command(StackConfig config);

    /** @return environment variables of the tool's own process, on top of the stack's environment */
    default Map<String, String> environment(StackConfig config) {
        return Map.of();
    }

    /** @return environment variables every service gets while this tool is part of the stack, for example where to send spans */
    default Map<String, String> serviceEnvironment(StackConfig config) {
        return Map.of();
    }

    /** @return the HTTP path whose 2xx answer means the tool is ready, e.g. {@code /health} */
    String healthPath();

    /** @return true when the tool must be UP before the services start (they report to it), false to start it after them */
    default boolean startsBeforeServices() {
        return false;
    }

    /**
     * @param tool a component with {@link Component#isTool()}
     * @return its recipe
     * @throws IllegalArgumentException for the broker or a service
     */
    static ToolRecipe of(Component tool) {
        return switch (tool) {
            case ZIPKIN -> new ZipkinServer();
            case PROMETHEUS -> new PrometheusServer();
            case CONSOLE -> new LiveConsole();
            default -> throw new IllegalArgumentException(tool + " is not a tool");
        };
    }
}
