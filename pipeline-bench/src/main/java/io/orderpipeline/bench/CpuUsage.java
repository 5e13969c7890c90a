package io.orderpipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;

/**
 * CPU time used by every process of a run: each service and the Kafka broker of the stack, the database server
 * ({@code mariadbd} / {@code mysqld}), RabbitMQ ({@code beam.smp}) and this load generator. Read with
 * {@link ProcessHandle.Info#totalCpuDuration()} (on Linux user + system time from {@code /proc/<pid>/stat});
 * a process the JVM may not inspect is left out.
 *
 * <p>On Linux the JVMs of the stack are also split by thread, from {@code /proc/<pid>/task/<tid>/stat} (utime +
 * stime in clock ticks of 10 ms, USER_HZ = 100): the JIT compiler threads ({@code C1/C2 CompilerThread}) and
 * the garbage collector with the VM thread ({@code VM Thread}, {@code GC Thread#n}, which runs the Serial
 * collector's pauses). Threads that ended between two readings are not in the split; their time stays in the
 * process total, so the application share (total minus JIT minus GC) includes it, and a split that would be
 * negative for that reason is reported as 0.
 */
final class CpuUsage {

    private static final String[] SERVERS = {"mariadbd", "mysqld", "beam.smp"};

    /**
     * CPU time per process at one moment.
     *
     * @param at  when it was read
     * @param cpu process name to CPU time used since it started
     */
    record Snapshot(Instant at, Map<String, Duration> cpu, Map<String, Map<ThreadKind, Duration>> byThread) {
    }

    /** The JVM threads whose CPU time is reported apart from the application's. */
    enum ThreadKind {
        JIT, GC;

        static Optional<ThreadKind> of(String threadName) {
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return Optional.of(JIT);
            }
            if (threadName.equals("VM Thread") || threadName.startsWith("GC Thread")) {
                return Optional.of(GC);
            }
            return Optional.empty();
        }
    }

    /**
     * CPU used between two snapshots.
     *
     * @param wallSeconds  seconds between them
     * @param cpuSeconds   process name to CPU seconds used in that window, in snapshot order
     * @param cores        CPUs of the machine
     * @param threadSeconds process name to CPU seconds of its JIT and GC threads (JVMs on Linux only)
     */
    record Window(double wallSeconds, Map<String, Double> cpuSeconds, int cores,
            Map<String, Map<ThreadKind, Double>> threadSeconds) {

        /** @return CPU seconds of one kind of JVM thread in a process, 0 when not measured */
        double threadSeconds(String process, ThreadKind kind) {
            return threadSeconds.getOrDefault(process, Map.of()).getOrDefault(kind, 0.0);
        }

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
        Map<String, Map<ThreadKind, Duration>> byThread = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            stack.process(component).ifPresent(process -> {
                cpu(process).ifPresent(used -> cpu.put(component.id(), used));
                byThread.put(component.id(), jvmThreads(process.pid()));
            });
        }
        ProcessHandle.allProcesses().forEach(process -> process.info().command().ifPresent(command -> {
            for (String server : SERVERS) {
                if (command.endsWith("/" + server) || command.equals(server)) {
                    cpu(process).ifPresent(used -> cpu.merge(server, used, Duration::plus));
                }
            }
        }));
        cpu(ProcessHandle.current()).ifPresent(used -> cpu.put("load generator (bench JVM)", used));
        return new Snapshot(Instant.now(), cpu, byThread);
    }

    /** CPU time of a JVM's JIT and GC threads, empty where {@code /proc} is not readable. */
    private static Map<ThreadKind, Duration> jvmThreads(long pid) {
        Map<ThreadKind, Duration> used = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    Optional<ThreadKind> kind = ThreadKind.of(stat.substring(open + 1, close));
                    if (kind.isPresent()) {
                        // after "(comm) ": field 3 (state) is index 0, utime (14) index 11, stime (15) index 12
                        List<String> fields = List.of(stat.substring(close + 2).split(" "));
                        long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
                        used.merge(kind.get(), Duration.ofMillis(ticks * 10), Duration::plus);
                    }
                }
                catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while being read: its time stays in the process total
                }
            }
        }
        catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return used;
    }

    static Window between(Snapshot from, Snapshot to) {
        Map<String, Double> used = new LinkedHashMap<>();
        to.cpu().forEach((name, total) -> {
            Duration before = from.cpu().get(name);
            if (before != null) {
                used.put(name, total.minus(before).toMillis() / 1000.0);
            }
        });
        Map<String, Map<ThreadKind, Double>> threads = new LinkedHashMap<>();
        to.byThread().forEach((name, kinds) -> {
            Map<ThreadKind, Duration> before = from.byThread().getOrDefault(name, Map.of());
            Map<ThreadKind, Double> seconds = new LinkedHashMap<>();
            // a compiler thread that ended in between (the JVM starts and stops them on demand) takes its time
            // out of the sum: never report less than 0
            kinds.forEach((kind, total) -> seconds.put(kind,
                    Math.max(0, total.minus(before.getOrDefault(kind, Duration.ZERO)).toMillis() / 1000.0)));
            threads.put(name, seconds);
        });
        return new Window(Duration.between(from.at(), to.at()).toMillis() / 1000.0, used,
                Runtime.getRuntime().availableProcessors(), threads);
    }

    private static Optional<Duration> cpu(ProcessHandle process) {
        return process.info().totalCpuDuration();
    }
}
