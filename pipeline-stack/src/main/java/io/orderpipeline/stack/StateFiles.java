package io.orderpipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The files of a stack in its state directory: {@code stack.properties} (the settings), {@code pids/<component>.pid}
 * (PID and start time) and {@code logs/<component>.log}. They let another JVM see and manage the processes.
 */
final class StateFiles {

    private static final int LOG_TAIL_LINES = 40;

    private final Path stateDir;

    StateFiles(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** @return the saved settings, empty when no stack was ever started in this state directory */
    static Optional<Properties> readConfig(Path stateDir) {
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
        return Optional.of(properties);
    }

    void saveConfig(StackConfig config) {
        Path file = stateDir.resolve(StackConfig.FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                SavedConfig.toProperties(config).store(out, "settings of the running stack, read by pipeline start/status/down");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Path logFile(Component component) {
        return stateDir.resolve("logs").resolve(component.id() + ".log");
    }

    /** The start time next to the PID tells a restarted machine's recycled PID from the process we started. */
    void writePid(Component component, ProcessHandle handle) throws IOException {
        Path file = pidFile(component);
        Files.createDirectories(file.getParent());
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(file, handle.pid() + " " + started + System.lineSeparator());
    }

    /** @return the process of the PID file, when it is alive and still the one that was started */
    Optional<ProcessHandle> readPid(Component component) {
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

    void deletePid(Component component) {
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pidFile(component), e);
        }
    }

    /** @return the last lines of a component's log, headed by its path; empty when there is no log */
    String logTail(Component component) {
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

    private Path pidFile(Component component) {
        return stateDir.resolve("pids").resolve(component.id() + ".pid");
    }
}
