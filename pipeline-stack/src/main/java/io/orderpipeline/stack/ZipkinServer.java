package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Component#ZIPKIN}: Zipkin's server (io.zipkin:zipkin-server 3.5.1, the {@code exec} jar, copied by the build
 * to {@code pipeline-stack/target/tools/zipkin-server.jar}) with in-memory storage, on 127.0.0.1 only. It starts
 * before the services, which report their spans to it ({@code PIPELINE_ZIPKIN_ENDPOINT}, read by the library's
 * {@code TracingDefaults}); the UI is at {@code http://127.0.0.1:<port>/zipkin/}. Spans live as long as the process.
 */
final class ZipkinServer implements ToolRecipe {

    /** The service environment variable naming where spans go. */
    static final String ENDPOINT_VARIABLE = "PIPELINE_ZIPKIN_ENDPOINT";

    /** JVM options: a small heap (in-memory storage of a demo's spans) and one GC thread, as the services. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** @return where the build puts the exec jar */
    static Path jar(StackConfig config) {
        return config.repoRoot().resolve("pipeline-stack").resolve("target").resolve("tools").resolve("zipkin-server.jar");
    }

    @Override
    public List<String> preflight(StackConfig config) {
        Path jar = jar(config);
        if (Files.isRegularFile(jar)) {
            return List.of();
        }
        return List.of("ZIPKIN: " + jar + " is missing; build it with ./mvnw -B -q -pl pipeline-stack -am package -DskipTests");
    }

    @Override
    public List<String> command(StackConfig config) {
        int port = config.port(Component.ZIPKIN);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar(config).toString());
        command.add("--zipkin.storage.type=mem");
        command.add("--armeria.ports[0].ip=127.0.0.1");
        command.add("--armeria.ports[0].port=" + port);
        command.add("--armeria.ports[0].protocols[0]=http");
        return command;
    }

    @Override
    public Map<String, String> serviceEnvironment(StackConfig config) {
        return Map.of(ENDPOINT_VARIABLE, endpoint(config));
    }

    /** @return the spans endpoint of Zipkin's v2 API for this configuration, {@code http://127.0.0.1:<port>/api/v2/spans} */
    static String endpoint(StackConfig config) {
        return "http://127.0.0.1:" + config.port(Component.ZIPKIN) + "/api/v2/spans";
    }

    @Override
    public String healthPath() {
        return "/health";
    }

    @Override
    public boolean startsBeforeServices() {
        return true;
    }
}
