package io.orderpipeline.stack;

import java.util.List;

/** {@link Component#PROMETHEUS}: Debian's Prometheus, scraping the stack. */
final class PrometheusServer implements ToolRecipe {

    @Override
    public List<String> preflight(StackConfig config) {
        return List.of("PROMETHEUS is not available in this build");
    }

    @Override
    public List<String> command(StackConfig config) {
        throw new StackException("PROMETHEUS is not available in this build");
    }

    @Override
    public String healthPath() {
        return "/";
    }
}
