package io.orderpipeline.stack;

import java.util.List;

/** {@link Component#ZIPKIN}: Zipkin's server (io.zipkin:zipkin-server, exec jar), in-memory storage. */
final class ZipkinServer implements ToolRecipe {

    @Override
    public List<String> preflight(StackConfig config) {
        return List.of("ZIPKIN is not available in this build");
    }

    @Override
    public List<String> command(StackConfig config) {
        throw new StackException("ZIPKIN is not available in this build");
    }

    @Override
    public String healthPath() {
        return "/";
    }
}
