package io.orderpipeline.stack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks that a component can start (its jar, its ports, the RabbitMQ or MySQL it needs) and starts it as an OS
 * process in its own session, its output appended to its log. What a service gets: its port and bind address
 * ({@code SERVER_PORT}, {@code SERVER_ADDRESS}), the profiles of the binder and database, the broker address, its
 * data directory, the stack's admin password and what the stack's tools tell the services ({@link
 * ToolRecipe#serviceEnvironment}), on a cluster stack every node's address ({@link ClusterNodes#serviceEnvironment}),
 * then the configuration's extra variables on top. A tool runs its {@link ToolRecipe}'s command, a broker node its
 * {@link ClusterNodes#command}.
 */
final class Launcher {

    private static final List<String> BROKER_JVM_OPTIONS = List.of("-Xmx512m", "-Dpipeline.log.level=INFO");

    private final StackConfig config;
    private final StateFiles files;
    private final ClusterNodes cluster;

    Launcher(StackConfig config, StateFiles files) {
        this.config = config;
        this.files = files;
        this.cluster = new ClusterNodes(config);
    }

    /** @throws StackException naming every problem found: missing jars, ports in use, unreachable RabbitMQ/MySQL */
    void preflight(List<Component> components) {
        List<String> problems = new ArrayList<>();
        for (Component component : components) {
            if (component.isService() && !Files.isRegularFile(jar(component))) {
                problems.add(jar(component) + " is missing; build it with: ./mvnw -B -DskipTests package");
            }
            if (component.isTool()) {
                problems.addAll(ToolRecipe.of(component).preflight(config));
            }
            List<Integer> ports = component.isBroker() ? cluster.ports(component) : List.of(config.port(component));
            for (int port : ports) {
                if (!portFree(port)) {
                    problems.add("port " + port + " (" + component + ") is already in use");
                }
            }
        }
        if (components.stream().anyMatch(Component::isService)) {
            if (config.binder() == Binder.RABBIT && !config.cluster()) {
                requireReachable("RabbitMQ", "RABBITMQ_HOST", "127.0.0.1", "RABBITMQ_PORT", "5672", "--binder rabbit")
                        .ifPresent(problems::add);
            }
            if (config.database() == Database.MYSQL) {
                requireReachable("MySQL", "MYSQL_HOST", "127.0.0.1", "MYSQL_PORT", "3306", "--db mysql")
                        .ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException("cannot start: " + String.join("; ", problems));
        }
    }

    /**
     * @return order-service's reconciliation settings in this stack: the other services' base URLs
     *         ({@code PIPELINE_RECONCILE_<SERVICE>_URL}, always on 127.0.0.1) and a run every hour
     *         ({@code PIPELINE_RECONCILE_INTERVAL}; a caller's own value wins)
     */
    Map<String, String> reconciliationEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Component service : List.of(Component.INVENTORY_SERVICE, Component.POINTS_SERVICE, Component.SMS_SERVICE,
                Component.COUPON_SERVICE)) {
            String name = service.id().replace("-service", "").toUpperCase(java.util.Locale.ROOT);
            env.put("PIPELINE_RECONCILE_" + name + "_URL", "http://127.0.0.1:" + config.port(service));
        }
        env.put("PIPELINE_RECONCILE_INTERVAL", System.getenv().getOrDefault("PIPELINE_RECONCILE_INTERVAL", "1h"));
        return env;
    }

    /**
     * Starts the component; its log is truncated first when {@code freshLog}, else appended to.
     *
     * @param adminPassword the services' {@code PIPELINE_ADMIN_PASSWORD}
     * @return the started process
     */
    Process launch(Component component, boolean freshLog, String adminPassword) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        Map<String, String> env = new LinkedHashMap<>();
        if (component.isTool()) {
            ToolRecipe recipe = ToolRecipe.of(component);
            command.addAll(recipe.command(config));
            env.putAll(recipe.environment(config));
        } else if (component.isRabbitNode()) {
            command.addAll(cluster.command(component));
            env.putAll(cluster.environment(component));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        if (component.isService()) {
            command.addAll(config.serviceJvmOptions());
            command.add("-jar");
            command.add(jar(component).toString());
            env.put("SERVER_PORT", Integer.toString(config.port(component)));
            env.put("SERVER_ADDRESS", config.bindAddress());
            env.put("SPRING_PROFILES_ACTIVE",
                    config.binder().profile() + (config.database() == Database.MYSQL ? ",mysql" : ""));
            env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
            env.put("PIPELINE_DATA_DIR", config.stateDir().resolve("data").toString());
            env.put(AdminPassword.VARIABLE, adminPassword);
            env.putAll(cluster.serviceEnvironment());
            config.tools().keySet().forEach(tool -> env.putAll(ToolRecipe.of(tool).serviceEnvironment(config)));
            if (component == Component.ORDER_SERVICE) {
                env.putAll(reconciliationEnvironment());
            }
        } else if (component.isBroker() && !component.isRabbitNode()) {
            command.addAll(BROKER_JVM_OPTIONS);
            command.add("-cp");
            command.add(absoluteClasspath(config.brokerClasspath()));
            command.addAll(component == Component.KAFKA
                    ? List.of(KafkaBroker.class.getName(), "--port", Integer.toString(config.kafkaPort()),
                            "--controller-port", Integer.toString(config.kafkaControllerPort()),
                            "--log-dir", config.stateDir().resolve("kafka").toString())
                    : cluster.command(component));
        }
        env.putAll(config.extraEnv().getOrDefault(component, Map.of()));
        Path log = files.logFile(component);
        try {
            Files.createDirectories(log.getParent());
            String header = "==== " + Instant.now() + " pipeline starts " + component + ": " + String.join(" ", command)
                    + System.lineSeparator();
            Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    freshLog ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(config.repoRoot().toFile());
            builder.environment().putAll(env);
            builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            files.writePid(component, process.toHandle());
            return process;
        } catch (IOException e) {
            throw new StackException("cannot start " + component + ": " + e.getMessage(), e);
        }
    }

    private Path jar(Component service) {
        return config.repoRoot().resolve(service.id()).resolve("target").resolve(service.id() + ".jar");
    }

    private Optional<String> requireReachable(String what, String hostVar, String defaultHost, String portVar,
                                              String defaultPort, String option) {
        Map<String, String> env = serviceEnvironmentOverrides();
        String host = env.getOrDefault(hostVar, defaultHost);
        String port = env.getOrDefault(portVar, defaultPort);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, Integer.parseInt(port)), 2000);
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.of(what + " is not reachable at " + host + ":" + port + " (" + option + " needs it; set "
                    + hostVar + "/" + portVar + "): " + e.getMessage());
        }
    }

    /** The environment the services get for broker and database addresses: this process's, then the order service's extras. */
    private Map<String, String> serviceEnvironmentOverrides() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(config.extraEnv().getOrDefault(Component.ORDER_SERVICE, Map.of()));
        return env;
    }

    /** @return whether nothing listens on the port on any interface (a service bound to loopback only counts too) */
    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String absoluteClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Puts a child in its own session, so a Ctrl-C or hang-up of the terminal does not reach it. */
    private static Optional<String> setsid() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "setsid"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
