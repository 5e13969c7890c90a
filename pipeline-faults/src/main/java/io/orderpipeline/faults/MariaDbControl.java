package io.orderpipeline.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local MariaDB server, shared by everyone on the machine: {@link #crash()} kills {@code mariadbd} with
 * SIGKILL and {@link #restart()} starts it again with {@code start-stop-daemon} and waits until it accepts
 * connections. Callers restart in a {@code finally}, so an outage never outlives a failed scenario.
 */
public final class MariaDbControl {

    private static final String DAEMON = "/usr/sbin/mariadbd";
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final int port;

    MariaDbControl(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Kills the server with SIGKILL and waits until it is gone. */
    public void crash() {
        ProcessHandle server = process().orElseThrow(() -> new FaultException("no " + DAEMON + " process is running"));
        server.destroyForcibly();
        Instant deadline = Instant.now().plusSeconds(10);
        while (server.isAlive()) {
            if (Instant.now().isAfter(deadline)) {
                throw new FaultException(DAEMON + " (pid " + server.pid() + ") is alive 10 s after SIGKILL");
            }
            Pause.of(Duration.ofMillis(20));
        }
    }

    /** Starts the server when it does not run, and waits until it accepts TCP connections. */
    public void restart() {
        if (process().isEmpty()) {
            Processes.run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", DAEMON),
                    Duration.ofSeconds(30));
        }
        Instant deadline = Instant.now().plus(UP_TIMEOUT);
        while (!accepts()) {
            if (Instant.now().isAfter(deadline)) {
                throw new FaultException("MariaDB did not accept connections on " + host + ":" + port + " within "
                        + UP_TIMEOUT.toSeconds() + " s after the restart");
            }
            Pause.of(Duration.ofMillis(50));
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return socket.getInputStream().read() >= 0;  // the server greets first; a starting one closes
        } catch (IOException e) {
            return false;
        }
    }

    /** The server process, found through /proc by its executable. */
    private static Optional<ProcessHandle> process() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.equals(DAEMON) || isExe(p.pid())).orElse(false))
                .findFirst();
    }

    private static boolean isExe(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString().equals(DAEMON);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
