package io.orderpipeline.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Virtual hosts of the local RabbitMQ, made and removed with {@code rabbitmqctl} (on the {@code PATH}), so that a
 * run (the fault suite, the benchmark, a test) has queues of its own that no other run sees, and that are new:
 * a queue's type (classic or quorum) cannot change once it is declared.
 */
public final class VirtualHosts {

    private static final long TIMEOUT_SECONDS = 60;

    private VirtualHosts() {
    }

    /**
     * Deletes the virtual host with everything in it, when it exists, creates it empty and grants {@code user} all
     * rights on it.
     *
     * @throws StackException when rabbitmqctl cannot run or refuses
     */
    public static void recreate(String vhost, String user) {
        deleteQuietly(vhost);
        run("add_vhost", vhost);
        run("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
    }

    /** Deletes the virtual host with everything in it; does nothing when it does not exist or RabbitMQ is away. */
    public static void deleteQuietly(String vhost) {
        try {
            run("delete_vhost", vhost);
        } catch (StackException e) {
            // not there
        }
    }

    private static void run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new StackException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new StackException("rabbitmqctl is needed to give a run its own RabbitMQ virtual host: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
