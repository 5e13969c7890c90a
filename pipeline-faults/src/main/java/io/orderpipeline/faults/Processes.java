package io.orderpipeline.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an administration command (rabbitmqctl, start-stop-daemon) and waits for it. */
public final class Processes {

    private Processes() {
    }

    /**
     * @return the command's output (stdout and stderr)
     * @throws FaultException when it cannot start, exits non-zero, or runs longer than {@code timeout}
     */
    public static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FaultException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new FaultException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new FaultException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
