package io.orderpipeline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.Stack;

/**
 * CPU time used by every process of a run: each service and the Kafka broker of the stack, the database server
 * ({@code mariadbd} / {@code mysqld}), RabbitMQ ({@code beam.smp}) and this load generator. Read with
 * {@link ProcessHandle.Info#totalCpuDuration()} (on Linux user + system time from {@code /proc/<pid>/stat});
 * a process the JVM may not inspect is left out.
 */
final class CpuUsage {

    private static final String[] SERVERS = {"mariadbd", "mysqld", "beam.smp"};

    /**
     * CPU time per process at one moment.
     *
     * @param at  when it was read
     * @param cpu process name to CPU time used since it started
     */
    record Snapshot(Instant at, Map<String, Duration> cpu) {
    }

    /**
     * CPU used between two snapshots.
     *
     * @param wallSeconds  seconds between them
     * @param cpuSeconds   process name to CPU seconds used in that window, in snapshot order
     * @param cores        CPUs of the machine
     */
    record Window(double wallSeconds, Map<String, Double> cpuSeconds, int cores) {

        /** @return CPU seconds of all processes */
        double totalCpuSeconds() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** @return the share of the machine's CPU capacity the processes used in the window, 0..1 */
        double utilisation() {
            return wallSeconds <= 0 ? 0 : totalCpuSeconds() / (wallSeconds * cores);
        }
    }

    private CpuUsage() {
    }

    static Snapshot take(Stack stack) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            stack.process(component).flatMap(CpuUsage::cpu).ifPresent(used -> cpu.put(component.id(), used));
        }
        ProcessHandle.allProcesses().forEach(process -> process.info().command().ifPresent(command -> {
            for (String server : SERVERS) {
                if (command.endsWith("/" + server) || command.equals(server)) {
                    cpu(process).ifPresent(used -> cpu.merge(server, used, Duration::plus));
                }
            }
        }));
        cpu(ProcessHandle.current()).ifPresent(used -> cpu.put("load generator (bench JVM)", used));
        return new Snapshot(Instant.now(), cpu);
    }

    static Window between(Snapshot from, Snapshot to) {
        Map<String, Double> used = new LinkedHashMap<>();
        to.cpu().forEach((name, total) -> {
            Duration before = from.cpu().get(name);
            if (before != null) {
                used.put(name, total.minus(before).toMillis() / 1000.0);
            }
        });
        return new Window(Duration.between(from.at(), to.at()).toMillis() / 1000.0, used,
                Runtime.getRuntime().availableProcessors());
    }

    private static Optional<Duration> cpu(ProcessHandle process) {
        return process.info().totalCpuDuration();
    }
}
