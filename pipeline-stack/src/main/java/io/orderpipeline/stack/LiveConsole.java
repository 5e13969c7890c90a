package io.orderpipeline.stack;

import java.util.List;

/** {@link Component#CONSOLE}: the live page of the flow. */
final class LiveConsole implements ToolRecipe {

    @Override
    public List<String> preflight(StackConfig config) {
        return List.of("CONSOLE is not available in this build");
    }

    @Override
    public List<String> command(StackConfig config) {
        throw new StackException("CONSOLE is not available in this build");
    }

    @Override
    public String healthPath() {
        return "/";
    }
}
