package io.orderpipeline.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs the pipeline as local OS processes: the {@link KafkaBroker} (with {@link Binder#KAFKA}; with
 * {@link StackConfig#cluster()} the three {@link ClusterNodes} of the binder instead) and the five
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

    private final StackConfig config;
    private final StateFiles files;
    private final Launcher launcher;
    private final ClusterNodes cluster;
    private final HealthProbe probe = new HealthProbe();
    private final Map<Component, Process> children = new ConcurrentHashMap<>();

    /** @param config what to run and where; nothing starts until {@link #up()} or {@link #start(Component)} */
    public Stack(StackConfig config) {
        this.config = config;
        this.files = new StateFiles(config.stateDir());
        this.launcher = new Launcher(config, files);
        this.cluster = new ClusterNodes(config);
    }

    /**
     * A stack with the settings a previous {@link #up()} or {@link #start(Component)} saved in {@code stateDir},
     * to manage processes another JVM started.
     *
     * @return empty when no stack was ever started in that state directory
     * @throws UncheckedIOException when the saved settings cannot be read
     */
    public static Optional<Stack> attach(Path repoRoot, Path stateDir) {
        return StateFiles.readConfig(stateDir)
                .map(properties -> new Stack(SavedConfig.fromProperties(repoRoot, stateDir, properties)));
    }

    /** @return the settings of this stack */
    public StackConfig config() {
        return config;
    }

    /**
     * Starts every component of the configuration that is not running yet (the broker or the cluster's nodes first,
     * forming a new RabbitMQ cluster once they are UP, then the tools the services report to, then the services and
     * the other tools), then waits until all report UP, at most {@link StackConfig#healthTimeout()}. Components already running are kept.
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
                    .filter(saved -> !saved.runsLike(config))
                    .ifPresent(saved -> {
                        throw new StackException("a stack with binder " + saved.binder().profile() + " and db "
                                + saved.database().name().toLowerCase() + " is running " + running
                                + "; stop it first with: pipeline down");
                    });
        }
        List<Component> toStart = config.components().stream().filter(c -> !running.contains(c)).toList();
        launcher.preflight(toStart);
        files.saveConfig(config);
        List<Component> started = new ArrayList<>();
        try {
            List<Component> brokers = toStart.stream().filter(Component::isBroker).toList();
            launchAll(brokers, started);
            awaitHealthy(brokers, config.healthTimeout());
            cluster.formCluster();
            List<Component> early = toStart.stream()
                    .filter(c -> c.isTool() && ToolRecipe.of(c).startsBeforeServices()).toList();
            launchAll(early, started);
            awaitHealthy(early, config.healthTimeout());
            launchAll(toStart.stream().filter(c -> !c.isBroker() && !early.contains(c)).toList(), started);
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
        launcher.preflight(List.of(component));
        files.saveConfig(config);
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
        if (!Signals.awaitExit(handle, KILL_WAIT)) {
            throw new StackException(component + " (pid " + handle.pid() + ") is still alive " + KILL_WAIT.toSeconds()
                    + " s after SIGKILL");
        }
        files.deletePid(component);
    }

    /**
     * Stops one component: SIGTERM, then SIGKILL when it has not exited within {@link StackConfig#stopGrace()}.
     * Does nothing when it is not running.
     */
    public void stop(Component component) {
        stopAll(List.of(component));
    }

    /**
     * Stops every running component, the services and tools first (in parallel) and the broker last, each with SIGTERM
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
                            + files.logTail(component));
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
                        + pending.stream().map(files::logTail).collect(Collectors.joining()));
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
        return files.readPid(component);
    }

    /**
     * @return {@code http://127.0.0.1:<port>} of a service or a tool (loopback works whatever the bind address)
     * @throws IllegalArgumentException for the broker, which has no HTTP endpoint, and for a tool not in this stack
     */
    public URI baseUri(Component component) {
        if (component.isBroker()) {
            throw new IllegalArgumentException(component + " has no HTTP endpoint");
        }
        return URI.create("http://127.0.0.1:" + config.port(component));
    }

    /** @return {@code 127.0.0.1:<port>} of the broker, for a client's {@code bootstrap.servers} */
    public String kafkaBootstrapServers() {
        return config.kafkaBootstrapServers();
    }

    /** @return the file that receives the component's stdout and stderr; it may not exist yet */
    public Path logFile(Component component) {
        return files.logFile(component);
    }

    /** @return the file holding the services' actuator admin password (mode 600); it exists once a service was started */
    public Path adminPasswordFile() {
        return AdminPassword.file(config.stateDir());
    }

    private void launch(Component component, boolean freshLog) {
        String password = component.isService()
                ? AdminPassword.ensure(config.stateDir(), System.getenv(AdminPassword.VARIABLE)) : "";
        children.put(component, launcher.launch(component, freshLog, password));
    }

    private void launchAll(List<Component> components, List<Component> started) {
        for (Component component : components) {
            launch(component, true);
            started.add(component);
        }
    }

    private void stopAll(Collection<Component> components) {
        List<Component> servicesAndTools = components.stream().filter(c -> !c.isBroker()).toList();
        stopTogether(servicesAndTools);
        stopTogether(components.stream().filter(Component::isBroker).toList());
        cluster.afterStopped(config.brokers().stream().allMatch(broker -> process(broker).isEmpty()));
    }

    private void stopTogether(List<Component> components) {
        Signals.terminate(components.stream().map(this::process).flatMap(Optional::stream).toList(),
                config.stopGrace(), KILL_WAIT);
        components.forEach(files::deletePid);
    }

    private String exitDescription(Component component) {
        Process child = children.get(component);
        if (child != null && !child.isAlive()) {
            return "exited with code " + child.exitValue();
        }
        return "is not running";
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
