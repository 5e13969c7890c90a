package io.orderpipeline.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the pipeline as local OS processes: the {@link KafkaBroker} (with {@link Binder#KAFKA}) and the five
 * service jars, each with its output in {@code <state>/logs/<component>.log} and its PID in
 * {@code <state>/pids/<component>.pid}. Because the PID files and the settings ({@code <state>/stack.properties})
 * live in the state directory, another {@code Stack} made with {@link #attach(Path, Path)}, in another JVM,
 * can see, kill, restart and stop the processes this one started. Processes run in their own session
 * (via {@code setsid} when present), so they outlive the JVM that started them until {@link #down()}.
 *
 * <p>Kafka data lives in {@code <state>/kafka}, H2 data in {@code <state>/data}.
 *
 * <p>Methods block until the processes are where they say (UP, gone) and throw {@link StackException}
 * with a message for a person when that cannot happen. Not thread-safe, except that {@link #down()} may be
 * called from a shutdown hook while {@link #up()} waits.
 */
public final class Stack implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final List<String> BROKER_JVM_OPTIONS = List.of("-Xmx512m", "-Dpipeline.log.level=INFO");

    private final StackConfig config;
    private final HealthProbe probe = new HealthProbe();
    private final Map<Component, Process> children = new ConcurrentHashMap<>();

    /** @param config what to run and where; nothing starts until {@link #up()} or {@link #start(Component)} */
    public Stack(StackConfig config) {
        this.config = config;
    }

    /**
     * A stack with the settings a previous {@link #up()} or {@link #start(Component)} saved in {@code stateDir},
     * to manage processes another JVM started.
     *
     * @return empty when no stack was ever started in that state directory
     * @throws UncheckedIOException when the saved settings cannot be read
     */
    public static Optional<Stack> attach(Path repoRoot, Path stateDir) {
        Path file = stateDir.resolve(StackConfig.FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new Stack(StackConfig.fromProperties(repoRoot, stateDir, properties)));
    }

    /** @return the settings of this stack */
    public StackConfig config() {
        return config;
    }

    /**
     * Starts every component of the configuration that is not running yet (the broker first), then waits
     * until all report UP, at most {@link StackConfig#healthTimeout()}. Components already running are kept.
     * When startup fails, the processes this call started are stopped again.
     *
     * @throws StackException when a jar is missing, a port is taken, RabbitMQ or MySQL (when selected) does not
     *                        accept connections, a process exits, a health check times out, or a running stack
     *                        has other settings
     */
    public void up() {
        List<Component> running = config.components().stream().filter(c -> process(c).isPresent()).toList();
        if (!running.isEmpty()) {
            attach(config.repoRoot(), config.stateDir())
                    .map(Stack::config)
                    .filter(saved -> !sameTopology(saved))
                    .ifPresent(saved -> {
                        throw new StackException("a stack with binder " + saved.binder().profile() + " and db "
                                + saved.database().name().toLowerCase() + " is running " + running
                                + "; stop it first with: pipeline down");
                    });
        }
        List<Component> toStart = config.components().stream().filter(c -> !running.contains(c)).toList();
        preflight(toStart);
        saveConfig();
        List<Component> started = new ArrayList<>();
        try {
            if (toStart.contains(Component.KAFKA)) {
                launch(Component.KAFKA, true);
                started.add(Component.KAFKA);
                awaitHealthy(List.of(Component.KAFKA), config.healthTimeout());
            }
            for (Component service : toStart) {
                if (service.isService()) {
                    launch(service, true);
                    started.add(service);
                }
            }
            awaitHealthy(config.components(), config.healthTimeout());
        } catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    /**
     * Starts one component with this stack's settings and waits until it reports UP; its log is appended to.
     *
     * @throws StackException when it is already running, its jar is missing, its port is taken, it exits,
     *                        or it is not UP within {@link StackConfig#healthTimeout()} (it is then killed)
     */
    public void start(Component component) {
        process(component).ifPresent(p -> {
            throw new StackException(component + " is already running (pid " + p.pid() + ")");
        });
        preflight(List.of(component));
        saveConfig();
        launch(component, false);
        try {
            awaitHealthy(List.of(component), config.healthTimeout());
        } catch (RuntimeException e) {
            stopAll(List.of(component));
            throw e;
        }
    }

    /**
     * Kills one component with SIGKILL ({@link ProcessHandle#destroyForcibly()}), giving it no chance to
     * clean up, and waits until the process is gone.
     *
     * @throws StackException when it is not running, or still alive 10 s after the signal
     */
    public void kill(Component component) {
        ProcessHandle handle = process(component)
                .orElseThrow(() -> new StackException(component + " is not running"));
        handle.destroyForcibly();
        if (!awaitExit(handle, KILL_WAIT)) {
            throw new StackException(component + " (pid " + handle.pid() + ") is still alive " + KILL_WAIT.toSeconds()
                    + " s after SIGKILL");
        }
        deletePidFile(component);
    }

    /**
     * Stops one component: SIGTERM, then SIGKILL when it has not exited within {@link StackConfig#stopGrace()}.
     * Does nothing when it is not running.
     */
    public void stop(Component component) {
        stopAll(List.of(component));
    }

    /**
     * Stops every running component, the services first (in parallel) and the broker last, each with SIGTERM
     * and SIGKILL after {@link StackConfig#stopGrace()}. Returns when all are gone; does nothing when none runs.
     */
    public void down() {
        stopAll(List.of(Component.values()));
    }

    /** Same as {@link #down()}. */
    @Override
    public void close() {
        down();
    }

    /**
     * Waits until each given component reports UP.
     *
     * @param components the components to wait for; a component that is not running fails the wait at once
     * @param timeout    how long to wait in total
     * @throws StackException when one is not running or exits (with the tail of its log), or when the timeout
     *                        passes before all are UP
     */
    public void awaitHealthy(Collection<Component> components, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Set<Component> pending = new LinkedHashSet<>(components);
        Map<Component, Health> last = new EnumMap<>(Component.class);
        while (!pending.isEmpty()) {
            for (Component component : List.copyOf(pending)) {
                if (process(component).isEmpty()) {
                    throw new StackException(component + " " + exitDescription(component) + " before it was UP."
                            + logTail(component));
                }
                Health health = probe.check(component, config.port(component));
                last.put(component, health);
                if (health == Health.UP) {
                    pending.remove(component);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                String states = pending.stream().map(c -> c + "=" + last.get(c)).collect(Collectors.joining(", "));
                throw new StackException("not UP after " + timeout.toSeconds() + " s: " + states + "."
                        + pending.stream().map(this::logTail).collect(Collectors.joining()));
            }
            pause(POLL_INTERVAL);
        }
    }

    /** @return the status of each component of this configuration, in start order, probing the running ones now */
    public List<ComponentStatus> status() {
        return config.components().stream().map(this::status).toList();
    }

    /** @return the status of one component, probing it now when it runs */
    public ComponentStatus status(Component component) {
        Optional<ProcessHandle> handle = process(component);
        int port = config.port(component);
        return new ComponentStatus(component,
                handle.map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty()),
                port,
                handle.isPresent() ? probe.check(component, port) : Health.STOPPED);
    }

    /**
     * @return the running process of the component, whether this JVM or another one started it; empty when it
     * is not running (a PID file whose process is gone, or whose PID now belongs to another process, does not count)
     */
    public Optional<ProcessHandle> process(Component component) {
        Process child = children.get(component);
        if (child != null && child.isAlive()) {
            return Optional.of(child.toHandle());
        }
        return readPidFile(component);
    }

    /**
     * @return {@code http://localhost:<port>} of a service
     * @throws IllegalArgumentException for the broker, which has no HTTP endpoint
     */
    public URI baseUri(Component service) {
        if (!service.isService()) {
            throw new IllegalArgumentException(service + " has no HTTP endpoint");
        }
        return URI.create("http://localhost:" + config.port(service));
    }

    /** @return {@code 127.0.0.1:<port>} of the broker, for a client's {@code bootstrap.servers} */
    public String kafkaBootstrapServers() {
        return config.kafkaBootstrapServers();
    }

    /** @return the file that receives the component's stdout and stderr; it may not exist yet */
    public Path logFile(Component component) {
        return config.stateDir().resolve("logs").resolve(component.id() + ".log");
    }

    private boolean sameTopology(StackConfig other) {
        return other.binder() == config.binder()
                && other.database() == config.database()
                && other.servicePortBase() == config.servicePortBase()
                && other.kafkaPort() == config.kafkaPort()
                && other.kafkaControllerPort() == config.kafkaControllerPort();
    }

    private void preflight(List<Component> components) {
        List<String> problems = new ArrayList<>();
        for (Component component : components) {
            if (component.isService() && !Files.isRegularFile(jar(component))) {
                problems.add(jar(component) + " is missing; build it with: ./mvnw -B -DskipTests package");
            }
            List<Integer> ports = component.isService()
                    ? List.of(config.port(component))
                    : List.of(config.kafkaPort(), config.kafkaControllerPort());
            for (int port : ports) {
                if (!portFree(port)) {
                    problems.add("port " + port + " (" + component + ") is already in use");
                }
            }
        }
        if (components.stream().anyMatch(Component::isService)) {
            if (config.binder() == Binder.RABBIT) {
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

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void launch(Component component, boolean freshLog) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> env = new LinkedHashMap<>();
        if (component.isService()) {
            command.addAll(config.serviceJvmOptions());
            command.add("-jar");
            command.add(jar(component).toString());
            env.put("SERVER_PORT", Integer.toString(config.port(component)));
            env.put("SPRING_PROFILES_ACTIVE",
                    config.binder().profile() + (config.database() == Database.MYSQL ? ",mysql" : ""));
            env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
            env.put("PIPELINE_DATA_DIR", config.stateDir().resolve("data").toString());
        } else {
            command.addAll(BROKER_JVM_OPTIONS);
            command.add("-cp");
            command.add(absoluteClasspath(config.brokerClasspath()));
            command.add(KafkaBroker.class.getName());
            command.addAll(List.of("--port", Integer.toString(config.kafkaPort()),
                    "--controller-port", Integer.toString(config.kafkaControllerPort()),
                    "--log-dir", config.stateDir().resolve("kafka").toString()));
        }
        env.putAll(config.extraEnv().getOrDefault(component, Map.of()));
        Path log = logFile(component);
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
            children.put(component, process);
            writePidFile(component, process.toHandle());
        } catch (IOException e) {
            throw new StackException("cannot start " + component + ": " + e.getMessage(), e);
        }
    }

    private void stopAll(Collection<Component> components) {
        List<Component> services = components.stream().filter(Component::isService).toList();
        stopTogether(services);
        if (components.contains(Component.KAFKA)) {
            stopTogether(List.of(Component.KAFKA));
        }
    }

    private void stopTogether(List<Component> components) {
        Map<Component, ProcessHandle> handles = new EnumMap<>(Component.class);
        for (Component component : components) {
            process(component).ifPresent(handle -> handles.put(component, handle));
        }
        handles.values().forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(config.stopGrace());
        handles.forEach((component, handle) -> {
            Duration left = Duration.between(Instant.now(), deadline);
            if (!awaitExit(handle, left.isNegative() ? Duration.ZERO : left)) {
                handle.destroyForcibly();
                awaitExit(handle, KILL_WAIT);
            }
        });
        components.forEach(this::deletePidFile);
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private String exitDescription(Component component) {
        Process child = children.get(component);
        if (child != null && !child.isAlive()) {
            return "exited with code " + child.exitValue();
        }
        return "is not running";
    }

    private String logTail(Component component) {
        Path log = logFile(component);
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 16 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return System.lineSeparator() + "---- last lines of " + log + " ----" + System.lineSeparator()
                    + String.join(System.lineSeparator(), tail) + System.lineSeparator();
        } catch (IOException e) {
            return System.lineSeparator() + "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private Path jar(Component service) {
        return config.repoRoot().resolve(service.id()).resolve("target").resolve(service.id() + ".jar");
    }

    private void saveConfig() {
        Path file = config.stateDir().resolve(StackConfig.FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                config.toProperties().store(out, "settings of the running stack, read by pipeline start/status/down");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path pidFile(Component component) {
        return config.stateDir().resolve("pids").resolve(component.id() + ".pid");
    }

    /** The start time next to the PID tells a restarted machine's recycled PID from the process we started. */
    private void writePidFile(Component component, ProcessHandle handle) throws IOException {
        Path file = pidFile(component);
        Files.createDirectories(file.getParent());
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(file, handle.pid() + " " + started + System.lineSeparator());
    }

    private Optional<ProcessHandle> readPidFile(Component component) {
        Path file = pidFile(component);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split(" ");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> started == 0L || h.info().startInstant()
                            .map(i -> i.toEpochMilli() == started).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void deletePidFile(Component component) {
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pidFile(component), e);
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

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the stack", e);
        }
    }
}
