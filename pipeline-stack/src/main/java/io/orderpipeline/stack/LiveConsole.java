package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Component#CONSOLE}: the live page of the flow, {@code pipeline-console/target/pipeline-console.jar} (a Spring
 * MVC application) on its own port of 127.0.0.1, told where the five services are. It starts after them (it only
 * reads them) and is ready when its {@code /actuator/health} answers.
 */
final class LiveConsole implements ToolRecipe {

    /** A small heap, one collector thread and C1 only, like the services: it serves one page and polls once a second. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @Override
    public List<String> preflight(StackConfig config) {
        Path jar = jar(config);
        return Files.isRegularFile(jar) ? List.of()
                : List.of(jar + " is missing; build it with: ./mvnw -B -DskipTests package -pl pipeline-console");
    }

    @Override
    public List<String> command(StackConfig config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar(config).toString());
        command.add("--server.port=" + config.port(Component.CONSOLE));
        command.add("--server.address=" + StackConfig.LOOPBACK);
        command.add("--console.order-url=" + url(config, Component.ORDER_SERVICE));
        command.add("--console.inventory-url=" + url(config, Component.INVENTORY_SERVICE));
        command.add("--console.points-url=" + url(config, Component.POINTS_SERVICE));
        command.add("--console.sms-url=" + url(config, Component.SMS_SERVICE));
        command.add("--console.coupon-url=" + url(config, Component.COUPON_SERVICE));
        return command;
    }

    @Override
    public String healthPath() {
        return "/actuator/health";
    }

    static Path jar(StackConfig config) {
        return config.repoRoot().resolve("pipeline-console").resolve("target").resolve("pipeline-console.jar");
    }

    private static String url(StackConfig config, Component service) {
        return "http://127.0.0.1:" + config.port(service);
    }
}
